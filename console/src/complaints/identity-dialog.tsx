/**
 * Revealing a real-name complainant's identity: only with a stated purpose, which is kept with the
 * audit entry of the read. The button stays disabled until a purpose is written; the API's own
 * check of it (at least 5 characters) shows beside the field.
 */
import { Alert, App, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import type { ApiClient } from '../api/client';
import type { components } from '../api/schema';
import { settle } from '../forms/api-answers';

type Complainant = components['schemas']['ComplainantIdentity']['complainant'];

export interface IdentityDialogProps {
  readonly api: ApiClient;
  readonly receiptNumber: string;
  readonly open: boolean;
  readonly onClose: () => void;
  readonly onRevealed: (complainant: Complainant) => void;
}

export function IdentityDialog({ api, receiptNumber, open, onClose, onRevealed }: IdentityDialogProps) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ purpose: string }>();
  const purpose = Form.useWatch('purpose', form) ?? '';
  const [sending, setSending] = useState(false);

  const reveal = async (): Promise<void> => {
    setSending(true);
    try {
      const answer = await api.POST('/v1/complaints/{receiptNumber}/identity', {
        params: { path: { receiptNumber } },
        body: { purpose: form.getFieldValue('purpose') as string },
      });
      const revealed = await settle(answer, { message, form, step: '查看投诉人身份' });
      if (revealed) {
        form.resetFields();
        onRevealed(revealed.complainant);
      }
    } finally {
      setSending(false);
    }
  };

  return (
    <Modal
      title="查看投诉人完整身份"
      open={open}
      okText="确认查看"
      cancelText="取消"
      okButtonProps={{ disabled: purpose.trim() === '' }}
      confirmLoading={sending}
      onOk={() => void reveal()}
      onCancel={onClose}
      forceRender
    >
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 16 }}
        message="查看投诉人身份属于个人信息处理行为，本次查看及其用途将记入审计日志。"
        description="请仅在办理本投诉确有需要时查看，并如实填写用途。"
      />
      <Form form={form} layout="vertical">
        <Form.Item name="purpose" label="查看用途" rules={[{ required: true, whitespace: true, message: '请填写查看用途' }]}>
          <Input.TextArea rows={3} maxLength={500} showCount placeholder="例如：电话联系投诉人核实投诉事实" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
