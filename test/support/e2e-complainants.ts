/**
 * The complainants the end-to-end suite files complaints for (generated identity numbers, test
 * names and phone numbers), in one place so the whole-run log scan knows every name to look for.
 */
import { generatedIdentityNumber } from '../shared/domain/complaints/complaint-mother.ts';

/** A complainant as the public complaint form sends one. */
export interface E2eComplainant {
  readonly name: string;
  readonly idNumber: string;
  readonly phone: string;
  readonly address?: string;
}

export const e2eComplainants = {
  cityStructure: { name: '结构测试人', idNumber: generatedIdentityNumber('330226', '19880512', '031'), phone: '13655558888', address: '宁波市宁海县测试路8号' },
  filingPrivilege: {
    name: '权限测试人',
    idNumber: generatedIdentityNumber('330203', '19880612', '031'),
    phone: '13655551234',
    address: '宁波市海曙区权限路3号',
  },
  hostileInput: { name: '恶意输入测试人', idNumber: generatedIdentityNumber('330203', '19751111', '338'), phone: '13811112222' },
  retention: { name: '保留期端到端', idNumber: generatedIdentityNumber('330203', '19790521', '063'), phone: '13688889999', address: '宁波市海曙区保留路2号' },
  complaintPage: { name: '页面测试人', idNumber: generatedIdentityNumber('330203', '19900101', '015'), phone: '13655556666' },
  complaints: {
    name: '端到端测试人',
    idNumber: generatedIdentityNumber('330203', '19920317', '046'),
    phone: '13655557777',
    address: '宁波市海曙区端到端路17号',
  },
  consoleScreens: {
    name: '控制台测试人',
    idNumber: generatedIdentityNumber('330203', '19860923', '057'),
    phone: '13655553333',
    address: '宁波市海曙区控制台路5号',
  },
} as const satisfies Record<string, E2eComplainant>;
