/** The supplier form: what it holds, read from a submitted body or from a supplier, and its checks. */
import {
  isSupplierType,
  normaliseCharityNumber,
  normaliseCompanyNumber,
  normaliseSupplierName,
  normaliseVatNumber,
} from '../../core/spend/suppliers.js';
import type { Supplier } from '../../db/schema.js';
import { field } from '../../http/form-errors.js';
import { normalisePostcode } from '../../lib/postcodes.js';

export interface SupplierForm {
  name: string;
  type: string;
  postcode: string;
  vatNumber: string;
  companyNumber: string;
  charityNumber: string;
}

export function formFromSupplier(s: Supplier): SupplierForm {
  return {
    name: s.name,
    type: s.type,
    postcode: s.postcode ?? '',
    vatNumber: s.vat_number ?? '',
    companyNumber: s.company_number ?? '',
    charityNumber: s.charity_number ?? '',
  };
}

export function formFromBody(body: unknown): SupplierForm {
  return {
    name: field(body, 'name').trim(),
    type: field(body, 'type'),
    postcode: field(body, 'postcode').trim(),
    vatNumber: field(body, 'vatNumber').trim(),
    companyNumber: field(body, 'companyNumber').trim(),
    charityNumber: field(body, 'charityNumber').trim(),
  };
}

/** Checks a submitted supplier form; returns the problems by field, in form order. */
export function checkSupplierForm(v: SupplierForm): { field: string; text: string }[] {
  const problems: { field: string; text: string }[] = [];
  if (!v.name.trim()) problems.push({ field: 'name', text: 'Enter the supplier’s name' });
  else if (v.name.trim().length > 200)
    problems.push({ field: 'name', text: 'The name must be 200 characters or fewer' });
  else if (!normaliseSupplierName(v.name))
    problems.push({ field: 'name', text: 'The name must contain letters or numbers' });
  if (!isSupplierType(v.type))
    problems.push({ field: 'type', text: 'Select the type of supplier' });
  if (v.postcode.trim() && !normalisePostcode(v.postcode))
    problems.push({
      field: 'postcode',
      text: 'Enter a full UK postcode, like L3 5TR, or leave it empty',
    });
  if (v.vatNumber.trim() && !normaliseVatNumber(v.vatNumber))
    problems.push({
      field: 'vatNumber',
      text: 'Enter a UK VAT number of 9 digits, like GB123456789, or leave it empty',
    });
  if (v.companyNumber.trim() && !normaliseCompanyNumber(v.companyNumber))
    problems.push({
      field: 'companyNumber',
      text: 'Enter a Companies House number of 8 characters, like 01234567 or SC123456, or leave it empty',
    });
  if (v.charityNumber.trim() && !normaliseCharityNumber(v.charityNumber))
    problems.push({
      field: 'charityNumber',
      text: 'Enter a charity number, like 1234567 or SC012345, or leave it empty',
    });
  return problems;
}
