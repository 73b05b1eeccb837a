/**
 * A written notice's deliveries to the complainant (post, SMS, e-mail, in person, online) and the
 * form recording one: when it was delivered, read as Shanghai time, and the tracking reference of
 * a registered letter.
 */
import { App, Button, Form, Input, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import type { ApiClient } from '../api/client';
import { settle } from '../forms/api-answers';
import { shanghaiDateTime } from '../shanghai-time';

type Channel = 'post' | 'sms' | 'email' | 'inPerson' | 'online';

export const deliveryChannels: Record<Channel, string> = {
  post: '邮寄',
  sms: '短信',
  email: '电子邮件',
  inPerson: '当面送达',
  online: '网上送达',
};

interface Delivery {
  readonly channel: string;
  readonly deliveredAt: string;
  readonly trackingReference?: string;
}

interface DeliveryFields {
  readonly channel: Channel;
  /** `YYYY-MM-DDTHH:mm` from the browser's field, meant as Shanghai time. */
  readonly deliveredAt: string;
  readonly trackingReference?: string;
}

export interface NoticeDeliveriesProps {
  readonly api: ApiClient;
  readonly receiptNumber: string;
  readonly notice: 'decision' | 'result';
  readonly version: number;
  readonly deliveries: readonly Delivery[];
  readonly onChanged: () => Promise<void>;
}

export function NoticeDeliveries({ api, receiptNumber, notice, version, deliveries, onChanged }: NoticeDeliveriesProps) {
  const { message } = App.useApp();
  const [form] = Form.useForm<DeliveryFields>();
  const [sending, setSending] = useState(false);

  const record = async (fields: DeliveryFields): Promise<void> => {
    setSending(true);
    try {
      const answer = await api.POST('/v1/complaints/{receiptNumber}/notices/{notice}/deliveries', {
        params: { path: { receiptNumber, notice } },
        body: {
          expectedVersion: version,
          channel: fields.channel,
          // The person enters Shanghai time, whatever the browser's zone.
          deliveredAt: `${fields.deliveredAt}:00+08:00`,
          ...(fields.trackingReference?.trim() ? { trackingReference: fields.trackingReference } : {}),
        },
      });
      if (await settle(answer, { message, form, step: '送达登记', reread: onChanged })) {
        message.success('送达已登记。');
        form.resetFields();
        await onChanged();
      }
    } finally {
      setSending(false);
    }
  };

  return (
    <Space direction="vertical" size={4} style={{ width: '100%' }}>
      {deliveries.length === 0 ? (
        <Typography.Text type="secondary">尚未登记送达</Typography.Text>
      ) : (
        deliveries.map((delivery, index) => (
          <Typography.Text key={index}>
            已送达：{deliveryChannels[delivery.channel as Channel] ?? delivery.channel}，{shanghaiDateTime(delivery.deliveredAt)}
            {delivery.trackingReference === undefined ? '' : `（${delivery.trackingReference}）`}
          </Typography.Text>
        ))
      )}
      <Form<DeliveryFields>
        form={form}
        name={`delivery-${notice}`}
        layout="inline"
        initialValues={{ channel: 'post' }}
        onFinish={(fields) => void record(fields)}
      >
        <Form.Item name="channel" label="方式">
          <Select aria-label="送达方式" style={{ width: 120 }} options={Object.entries(deliveryChannels).map(([value, label]) => ({ value, label }))} />
        </Form.Item>
        <Form.Item name="deliveredAt" label="送达时间（北京时间）" rules={[{ required: true, message: '请填写送达时间' }]}>
          <Input type="datetime-local" aria-label="送达时间" style={{ width: 210 }} />
        </Form.Item>
        <Form.Item name="trackingReference" label="单号">
          <Input placeholder="挂号信单号（可选）" style={{ width: 180 }} maxLength={100} />
        </Form.Item>
        <Button htmlType="submit" loading={sending}>
          登记送达
        </Button>
      </Form>
    </Space>
  );
}
