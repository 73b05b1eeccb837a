import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maskedComplainant, maskName, maskPhone } from '#shared/domain/complaints/complainant.ts';
import { normalisePhoneNumber, phoneKindOf } from '#shared/domain/complaints/phone-number.ts';
import { identityNumberProblem, normaliseIdentityNumber } from '#shared/domain/complaints/resident-identity-number.ts';
import { isReceiptNumber, receiptNumberFor } from '#shared/domain/complaints/receipt-number.ts';
import { CityStructureMissingError, issuingOrganOf } from '#shared/domain/complaints/issuing-organ.ts';
import { generatedIdentityNumber } from './complaint-mother.ts';

describe('resident identity numbers', () => {
  it('accepts a number with the right check character, in lower or upper case, with spaces', () => {
    const id = generatedIdentityNumber('110105', '19491231', '002'); // check character X

    expect(id.endsWith('X')).toBe(true);
    expect(identityNumberProblem(normaliseIdentityNumber(` ${id.slice(0, 6)} ${id.slice(6).toLowerCase()} `))).toBeUndefined();
  });

  it('refuses a wrong check character, a wrong length, letters and an impossible birth date', () => {
    const id = generatedIdentityNumber();
    const wrongCheck = `${id.slice(0, 17)}${id[17] === '0' ? '1' : '0'}`;

    expect(identityNumberProblem(wrongCheck)).toMatch(/check character/);
    expect(identityNumberProblem(id.slice(0, 15))).toMatch(/18-character/);
    expect(identityNumberProblem('33020319900101A23X')).toMatch(/18-character/);
    expect(identityNumberProblem(generatedIdentityNumber('330203', '19900230'))).toMatch(/birth date/);
  });

  it('finds exactly one valid check character for every 17 digits', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[1-9]\d{5}(19[5-9]\d|20[01]\d)(0[1-9]|1[0-2])(0[1-9]|1\d|2[0-8])\d{3}$/), (first17) => {
        const valid = [...'0123456789X'].filter((c) => identityNumberProblem(`${first17}${c}`) === undefined);
        expect(valid).toHaveLength(1);
      }),
    );
  });
});

describe('phone numbers', () => {
  it('normalises mobile numbers with a country code, spaces and hyphens to 11 digits', () => {
    expect(normalisePhoneNumber('+86 138-1234-5678')).toBe('13812345678');
    expect(normalisePhoneNumber('008613812345678')).toBe('13812345678');
    expect(phoneKindOf('13812345678')).toBe('mobile');
  });

  it('knows landlines with their area code and refuses the rest', () => {
    expect(phoneKindOf(normalisePhoneNumber('0574-8765 4321'))).toBe('landline');
    expect(phoneKindOf('12345678901')).toBeUndefined();
    expect(phoneKindOf('1381234567')).toBeUndefined();
    expect(phoneKindOf('87654321')).toBeUndefined();
  });
});

describe('masking', () => {
  it('shows supervisors 张* and 138****5678', () => {
    expect(maskName('张三')).toBe('张*');
    expect(maskName('欧阳娜娜')).toBe('欧***');
    expect(maskPhone('13812345678')).toBe('138****5678');
    const masked = maskedComplainant({
      name: '张三',
      idNumber: generatedIdentityNumber(),
      phone: '13812345678',
      address: '浙江省宁波市海曙区某路1号',
      email: 'zhang@example.cn',
    });
    expect(masked).toEqual({
      name: '张*',
      idNumber: `3302**********${generatedIdentityNumber().slice(-4)}`,
      phone: '138****5678',
      address: '浙江省****',
      email: 'z***@example.cn',
    });
  });
});

describe('receipt numbers and issuing organs', () => {
  it('builds TS<date><8 Crockford characters>', () => {
    const number = receiptNumberFor('2026-10-09', [20, 7, 21, 2, 23, 9, 29, 10]);

    expect(number).toBe('TS20261009M7N2Q9XA');
    expect(isReceiptNumber(number)).toBe(true);
    expect(isReceiptNumber('TS20261009M7N2Q9XI')).toBe(false);
    expect(isReceiptNumber('TS20261309M7N2Q9XA')).toBe(false);
  });

  it("issues notices in the name of the jurisdiction's own organ, as its profile names it", () => {
    // Prepare
    const city = { issuingOrgan: '宁波市监察委员会' };
    const yuyao = { issuingOrgan: '余姚市监察委员会' };

    // Act
    const organs = [issuingOrganOf('yuyao', { own: yuyao, city }), issuingOrganOf('city', { own: city, city })];

    // Assess
    expect(organs).toEqual(['余姚市监察委员会', '宁波市监察委员会']);
  });

  it("issues in the city's name for a jurisdiction without a profile, and refuses when the structure was never applied", () => {
    // Prepare
    const city = { issuingOrgan: '宁波市监察委员会' };

    // Act
    const withoutProfile = issuingOrganOf('no-such-district', { own: undefined, city });
    const neverApplied = () => issuingOrganOf('haishu', { own: undefined, city: undefined });

    // Assess
    expect(withoutProfile).toBe('宁波市监察委员会');
    expect(neverApplied).toThrow(CityStructureMissingError);
  });
});
