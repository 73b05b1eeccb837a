/**
 * Filing a complaint (Art. 19): real-name (name and phone required, as the API requires) or
 * anonymous; about a department or, naming none, a district; a category and the content. The
 * browser checks nothing itself (`noValidate`): the API's 400 names each refused field, and its
 * message shows beside that field. Nothing is kept anywhere but in the page's memory.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { fileComplaint, type FileComplaintBody, type FiledComplaint } from './complaint-api';
import { categoryLabels } from './complaint-labels';
import { noErrors, placeFieldErrors, type PlacedErrors } from './field-errors';
import { Field, FailureBanner, type Failure } from './form-parts';

/** The form's fields, as the API's pointers name them. */
const fields = [
  'realName',
  'department',
  'jurisdiction',
  'case',
  'category',
  'content',
  'complainant',
  'complainant.name',
  'complainant.phone',
  'complainant.idNumber',
  'complainant.address',
  'complainant.email',
  'identityDisclosureConsent',
] as const;

const maxContentCharacters = 5000;

/** What the portal may preset through the page's address (`?department=…` or `?jurisdiction=…`). */
export interface FilingPresets {
  readonly department?: string;
  readonly jurisdiction?: string;
}

interface Draft {
  realName: boolean;
  subject: 'department' | 'jurisdiction';
  department: string;
  jurisdiction: string;
  category: FileComplaintBody['category'] | '';
  content: string;
  name: string;
  phone: string;
  idNumber: string;
  address: string;
  email: string;
  disclose: boolean;
}

const blankDraft = (presets: FilingPresets): Draft => ({
  realName: true,
  subject: presets.jurisdiction !== undefined && presets.department === undefined ? 'jurisdiction' : 'department',
  department: presets.department ?? '',
  jurisdiction: presets.jurisdiction ?? '',
  category: '',
  content: '',
  name: '',
  phone: '',
  idNumber: '',
  address: '',
  email: '',
  disclose: false,
});

const present = (value: string): string | undefined => (value.trim() === '' ? undefined : value.trim());

/** The request body: empty optional fields are left out, so the API judges only what was given. */
export function filingBody(draft: Draft): FileComplaintBody {
  const subject = draft.subject === 'department' ? { department: present(draft.department) } : { jurisdiction: present(draft.jurisdiction) };
  const complainant = {
    name: draft.name,
    phone: draft.phone,
    idNumber: present(draft.idNumber),
    address: present(draft.address),
    email: present(draft.email),
  };
  return JSON.parse(
    JSON.stringify({
      ...subject,
      category: draft.category === '' ? undefined : draft.category,
      content: draft.content,
      realName: draft.realName,
      ...(draft.realName ? { complainant, identityDisclosureConsent: draft.disclose } : {}),
    }),
  ) as FileComplaintBody;
}

export function FilingForm({ presets, onFiled }: { readonly presets: FilingPresets; readonly onFiled: (filed: FiledComplaint) => void }) {
  const [draft, setDraft] = useState<Draft>(() => blankDraft(presets));
  const [errors, setErrors] = useState<PlacedErrors>(noErrors);
  const [failure, setFailure] = useState<Failure | undefined>();
  const [sending, setSending] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((current) => ({ ...current, [key]: value }));
  // The first refused field takes the focus (and so comes into view), after the banner scrolled.
  useEffect(() => {
    if (Object.keys(errors.byField).length > 0) form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [errors]);
  const errorsOf = (field: (typeof fields)[number]): readonly string[] => errors.byField[field] ?? [];

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (sending) return;
    setSending(true);
    const outcome = await fileComplaint(filingBody(draft));
    setSending(false);
    if (outcome.kind === 'ok') return onFiled(outcome.value);
    setFailure(outcome);
    setErrors(outcome.kind === 'invalid' ? placeFieldErrors(outcome.fieldErrors, fields) : noErrors);
  }

  return (
    <form className="card" onSubmit={submit} noValidate aria-label="投诉表单" ref={form}>
      <h2>我要投诉</h2>
      <p className="lead">对政府部门及其工作人员的行政行为有意见，可以在这里向监察机关投诉。提交后您会得到受理编号和查询码，凭它们查询办理进度。</p>
      {failure ? <FailureBanner failure={failure} unplaced={errors.unplaced} /> : null}

      <fieldset className="choice">
        <legend>投诉方式</legend>
        <label className="option">
          <input type="radio" name="realName" checked={draft.realName} onChange={() => set('realName', true)} />
          <span>
            实名投诉<small>留下姓名和电话，可收到书面告知书</small>
          </span>
        </label>
        <label className="option">
          <input type="radio" name="realName" checked={!draft.realName} onChange={() => set('realName', false)} />
          <span>
            匿名投诉<small>不留个人信息，只能凭查询码查询进度，没有书面告知书</small>
          </span>
        </label>
        {errorsOf('realName').length > 0 ? <p className="field-error">{errorsOf('realName').join('；')}</p> : null}
      </fieldset>

      <fieldset className="choice">
        <legend>投诉对象</legend>
        <label className="option">
          <input type="radio" name="subject" checked={draft.subject === 'department'} onChange={() => set('subject', 'department')} />
          <span>某个政府部门</span>
        </label>
        <label className="option">
          <input type="radio" name="subject" checked={draft.subject === 'jurisdiction'} onChange={() => set('subject', 'jurisdiction')} />
          <span>
            不针对具体部门<small>向所在区县（市）的监察机关反映</small>
          </span>
        </label>
      </fieldset>
      {draft.subject === 'department' ? (
        <Field
          label="部门代码"
          hint="被投诉部门的代码，如 haishu-housing（海曙区住房和城乡建设局）；可在门户网站的部门页面找到。"
          errors={errorsOf('department').concat(errorsOf('case'))}
        >
          {(control) => (
            <input
              {...control}
              name="department"
              autoCapitalize="none"
              autoComplete="off"
              spellCheck={false}
              value={draft.department}
              onChange={(e) => set('department', e.target.value)}
            />
          )}
        </Field>
      ) : (
        <Field label="区县（市）代码" hint="如 haishu（海曙区）、yinzhou（鄞州区）。" errors={errorsOf('jurisdiction').concat(errorsOf('department'))}>
          {(control) => (
            <input
              {...control}
              name="jurisdiction"
              autoCapitalize="none"
              autoComplete="off"
              spellCheck={false}
              value={draft.jurisdiction}
              onChange={(e) => set('jurisdiction', e.target.value)}
            />
          )}
        </Field>
      )}

      {/* The API's message lists its codes; the citizen chose from labels. */}
      <Field label="投诉类别" errors={errorsOf('category').length > 0 ? ['请选择投诉类别'] : []}>
        {(control) => (
          <select {...control} name="category" value={draft.category} onChange={(e) => set('category', e.target.value as Draft['category'])}>
            <option value="">请选择</option>
            {Object.entries(categoryLabels).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        )}
      </Field>

      <Field
        label="投诉内容"
        hint={`请写明时间、地点、经过和您的诉求。已写 ${[...draft.content].length} / ${maxContentCharacters} 字。请勿填写涉及国家秘密的内容。`}
        errors={errorsOf('content')}
      >
        {(control) => <textarea {...control} name="content" rows={7} value={draft.content} onChange={(e) => set('content', e.target.value)} />}
      </Field>

      {draft.realName ? (
        <fieldset className="group">
          <legend>投诉人信息</legend>
          {errorsOf('complainant').length > 0 ? <p className="field-error">{errorsOf('complainant').join('；')}</p> : null}
          <Field label="姓名" errors={errorsOf('complainant.name')}>
            {(control) => <input {...control} name="name" autoComplete="name" value={draft.name} onChange={(e) => set('name', e.target.value)} />}
          </Field>
          <Field label="联系电话" hint="手机号码（11 位）或带区号的固定电话。" errors={errorsOf('complainant.phone')}>
            {(control) => (
              <input
                {...control}
                name="phone"
                type="tel"
                inputMode="tel"
                autoComplete="tel"
                value={draft.phone}
                onChange={(e) => set('phone', e.target.value)}
              />
            )}
          </Field>
          <Field label="身份证号码" optional errors={errorsOf('complainant.idNumber')}>
            {(control) => <input {...control} name="idNumber" autoComplete="off" value={draft.idNumber} onChange={(e) => set('idNumber', e.target.value)} />}
          </Field>
          <Field label="通讯地址" optional hint="用于邮寄书面告知书。" errors={errorsOf('complainant.address')}>
            {(control) => (
              <input {...control} name="address" autoComplete="street-address" value={draft.address} onChange={(e) => set('address', e.target.value)} />
            )}
          </Field>
          <Field label="电子邮箱" optional errors={errorsOf('complainant.email')}>
            {(control) => (
              <input
                {...control}
                name="email"
                type="email"
                inputMode="email"
                autoComplete="email"
                value={draft.email}
                onChange={(e) => set('email', e.target.value)}
              />
            )}
          </Field>
          <label className="option consent">
            <input type="checkbox" checked={draft.disclose} onChange={(e) => set('disclose', e.target.checked)} />
            <span>
              同意被投诉部门知道我的身份<small>不勾选时，投诉转交被投诉部门办理时不向其透露您的身份。</small>
            </span>
          </label>
          {errorsOf('identityDisclosureConsent').length > 0 ? <p className="field-error">{errorsOf('identityDisclosureConsent').join('；')}</p> : null}
          <p className="hint">您的个人信息加密保存，只用于办理本投诉。</p>
        </fieldset>
      ) : null}

      <button className="primary" type="submit" disabled={sending}>
        {sending ? '正在提交…' : '提交投诉'}
      </button>
    </form>
  );
}
