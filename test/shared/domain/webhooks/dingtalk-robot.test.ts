import { webcrypto } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { dingtalkSign, isDingtalkRobotUrl, robotAccepted, robotMessage, signedRobotUrl } from '#shared/domain/webhooks/dingtalk-robot.ts';

/** DingTalk's signing, written apart from the code under test: WebCrypto HMAC-SHA256 of "timestamp\nsecret" under the secret. */
async function independentSign(secret: string, timestamp: number): Promise<string> {
  const key = await webcrypto.subtle.importKey('raw', new TextEncoder().encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return Buffer.from(await webcrypto.subtle.sign('HMAC', key, new TextEncoder().encode(`${timestamp}\n${secret}`))).toString('base64');
}

const secret = 'SEC4b8e0b6c0d9f1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f70819';

describe('DingTalk custom robots', () => {
  it('signs "timestamp\\nsecret" under the secret, as an independent implementation does', async () => {
    expect(dingtalkSign(secret, 1733385600000)).toBe(await independentSign(secret, 1733385600000));
    expect(dingtalkSign(secret, 1733385600001)).not.toBe(await independentSign(secret, 1733385600000));
  });

  it('adds the timestamp in milliseconds and the encoded sign to the robot URL, keeping its token', async () => {
    // Act
    const signed = new URL(signedRobotUrl('https://oapi.dingtalk.com/robot/send?access_token=abc123', secret, new Date(1733385600000)));

    // Assess
    expect(signed.searchParams.get('access_token')).toBe('abc123');
    expect(signed.searchParams.get('timestamp')).toBe('1733385600000');
    expect(signed.searchParams.get('sign')).toBe(await independentSign(secret, 1733385600000));
    // `+`, `/` and `=` of the base64 travel encoded.
    expect(signed.search).not.toMatch(/sign=[^&]*[+/=]/);
  });

  it("writes the group's message in Chinese: the level, whose (by the department's name when known), what", () => {
    // Act
    const detail = {
      alert: { department: 'haishu-housing', kind: 'licensing', caseId: 'JS-1', level: 'correction', summaryZh: '未在法定期限内作出决定（期限 2025-09-28）。' },
    };
    const alert = robotMessage('AlertRaised', detail);
    const named = robotMessage('AlertRaised', detail, { department: '海曙区住房和城乡建设局' });
    const configuredKind = robotMessage('AlertRaised', { alert: { ...detail.alert, kind: 'landSupply' } });
    const complaint = robotMessage('ComplaintSignalRaised', { signal: { receiptNumber: 'TS20261009K7M2Q9XA', level: 'prompt', deadline: '2026-10-23' } });
    const supervision = robotMessage('SupervisionCaseEscalated', { signal: { number: 'DB20250915ABCDEF', level: 'correction', deadline: '2025-09-26' } });

    // Assess
    expect(alert).toEqual({
      msgtype: 'text',
      text: { content: '【纠错】haishu-housing 行政许可 JS-1：未在法定期限内作出决定（期限 2025-09-28）。（AlertRaised）' },
    });
    expect(named.text.content).toBe('【纠错】海曙区住房和城乡建设局 行政许可 JS-1：未在法定期限内作出决定（期限 2025-09-28）。（AlertRaised）');
    // A kind defined by configuration is named by its id.
    expect(configuredKind.text.content).toMatch(/^【纠错】haishu-housing landSupply JS-1：/);
    expect(complaint.text.content).toBe('【提示】投诉 TS20261009K7M2Q9XA，期限 2026-10-23（ComplaintSignalRaised）');
    expect(supervision.text.content).toBe('【纠错】督办 DB20250915ABCDEF，期限 2025-09-26（SupervisionCaseEscalated）');
  });

  it('counts a message taken only when DingTalk says errcode 0', () => {
    expect(robotAccepted(200, '{"errcode":0,"errmsg":"ok"}')).toBe(true);
    expect(robotAccepted(200, '{"errcode":310000,"errmsg":"sign not match"}')).toBe(false);
    expect(robotAccepted(200, 'not json')).toBe(false);
    expect(robotAccepted(500, '{"errcode":0}')).toBe(false);
  });

  it("knows a robot's URL: DingTalk's host, the send path, a token", () => {
    expect(isDingtalkRobotUrl(new URL('https://oapi.dingtalk.com/robot/send?access_token=x'))).toBe(true);
    expect(isDingtalkRobotUrl(new URL('https://oapi.dingtalk.com/robot/send'))).toBe(false);
    expect(isDingtalkRobotUrl(new URL('https://oapi.dingtalk.com.evil.cn/robot/send?access_token=x'))).toBe(false);
    expect(isDingtalkRobotUrl(new URL('https://oa.haishu.gov.cn/robot/send?access_token=x'))).toBe(false);
  });
});
