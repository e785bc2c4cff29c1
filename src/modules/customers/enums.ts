import { registerEnumType } from 'type-graphql';

/**
 * The enumerations of Open Banking Brasil Customers API v1.0.3, with the
 * YAML's names and values (where the CSV dictionaries differ, the YAML wins).
 */
function specEnum<T extends string>(name: string, values: readonly T[], description: string): { [K in T]: K } {
  const enumObject = Object.fromEntries(values.map((value) => [value, value])) as { [K in T]: K };
  registerEnumType(enumObject, { name, description });
  return enumObject;
}
type ValueOf<T> = T[keyof T];

export const EnumMaritalStatusCode = specEnum(
  'EnumMaritalStatusCode',
  ['SOLTEIRO', 'CASADO', 'VIUVO', 'SEPARADO_JUDICIALMENTE', 'DIVORCIADO', 'UNIAO_ESTAVEL', 'OUTRO'] as const,
  'Estado civil (maritalStatusCode).',
);
export type EnumMaritalStatusCode = ValueOf<typeof EnumMaritalStatusCode>;

export const EnumSex = specEnum('EnumSex', ['FEMININO', 'MASCULINO', 'OUTRO', 'NAO_DISPONIVEL'] as const, 'Sexo.');
export type EnumSex = ValueOf<typeof EnumSex>;

export const EnumPersonalOtherDocumentType = specEnum(
  'EnumPersonalOtherDocumentType',
  ['CNH', 'RG', 'NIF', 'RNE', 'OUTROS', 'SEM_OUTROS_DOCUMENTOS'] as const,
  'Tipo de outro documento de identificação (pessoa natural).',
);
export type EnumPersonalOtherDocumentType = ValueOf<typeof EnumPersonalOtherDocumentType>;

export const EnumFiliationType = specEnum('EnumFiliationType', ['MAE', 'PAI', 'SEM_FILIACAO'] as const, 'Tipo de filiação.');
export type EnumFiliationType = ValueOf<typeof EnumFiliationType>;

export const EnumCustomerPhoneType = specEnum('EnumCustomerPhoneType', ['FIXO', 'MOVEL', 'OUTRO'] as const, 'Tipo de telefone.');
export type EnumCustomerPhoneType = ValueOf<typeof EnumCustomerPhoneType>;

/** DDDs are digits, which GraphQL enum names cannot be: areaCode is a String checked against this list. */
export const AREA_CODES = [
  '11',
  '12',
  '13',
  '14',
  '15',
  '16',
  '17',
  '18',
  '19',
  '21',
  '22',
  '24',
  '27',
  '28',
  '31',
  '32',
  '33',
  '34',
  '35',
  '37',
  '38',
  '41',
  '42',
  '43',
  '44',
  '45',
  '46',
  '47',
  '48',
  '49',
  '51',
  '53',
  '54',
  '55',
  '61',
  '62',
  '63',
  '64',
  '65',
  '66',
  '67',
  '68',
  '69',
  '71',
  '73',
  '74',
  '75',
  '77',
  '79',
  '81',
  '82',
  '83',
  '84',
  '85',
  '86',
  '87',
  '88',
  '89',
  '91',
  '92',
  '93',
  '94',
  '95',
  '96',
  '97',
  '98',
  '99',
  'NA',
] as const;

export const EnumCountrySubDivision = specEnum(
  'EnumCountrySubDivision',
  [
    'AC',
    'AL',
    'AP',
    'AM',
    'BA',
    'CE',
    'DF',
    'ES',
    'GO',
    'MA',
    'MT',
    'MS',
    'MG',
    'PA',
    'PB',
    'PR',
    'PE',
    'PI',
    'RJ',
    'RN',
    'RS',
    'RO',
    'RR',
    'SC',
    'SP',
    'SE',
    'TO',
    'NA',
  ] as const,
  'Unidade da Federação (ISO 3166-2:BR), ou NA.',
);
export type EnumCountrySubDivision = ValueOf<typeof EnumCountrySubDivision>;

export const EnumOccupationMainCodeType = specEnum(
  'EnumOccupationMainCodeType',
  ['RECEITA_FEDERAL', 'CBO', 'OUTRO'] as const,
  'Lista de códigos a que occupationDescription se refere.',
);
export type EnumOccupationMainCodeType = ValueOf<typeof EnumOccupationMainCodeType>;

const FREQUENCIES = ['DIARIA', 'SEMANAL', 'QUINZENAL', 'MENSAL', 'BIMESTRAL', 'TRIMESTRAL', 'SEMESTRAL', 'ANUAL'] as const;
export const EnumInformedIncomeFrequency = specEnum(
  'EnumInformedIncomeFrequency',
  [...FREQUENCIES, 'SEM_FREQUENCIA_RENDA_INFORMADA', 'OUTROS'] as const,
  'Frequência da renda informada.',
);
export type EnumInformedIncomeFrequency = ValueOf<typeof EnumInformedIncomeFrequency>;

export const EnumInformedRevenueFrequency = specEnum(
  'EnumInformedRevenueFrequency',
  [...FREQUENCIES, 'SEM_FREQUENCIA_FATURAMENTO_INFORMADO', 'OUTROS'] as const,
  'Frequência do faturamento informado.',
);
export type EnumInformedRevenueFrequency = ValueOf<typeof EnumInformedRevenueFrequency>;

export const EnumProductServiceType = specEnum(
  'EnumProductServiceType',
  [
    'CONTA_DEPOSITO_A_VISTA',
    'CONTA_POUPANCA',
    'CONTA_PAGAMENTO_PRE_PAGA',
    'CARTAO_CREDITO',
    'OPERACAO_CREDITO',
    'SEGURO',
    'PREVIDENCIA',
    'INVESTIMENTO',
    'OPERACOES_CAMBIO',
    'CONTA_SALARIO',
    'CREDENCIAMENTO',
    'OUTROS',
  ] as const,
  'Produto ou serviço com contrato vigente.',
);
export type EnumProductServiceType = ValueOf<typeof EnumProductServiceType>;

export const EnumProcuratorsTypePersonal = specEnum(
  'EnumProcuratorsTypePersonal',
  ['REPRESENTANTE_LEGAL', 'PROCURADOR', 'NAO_APLICA'] as const,
  'Tipo de representante (pessoa natural).',
);
export type EnumProcuratorsTypePersonal = ValueOf<typeof EnumProcuratorsTypePersonal>;

/** Inline in BusinessProcurator.type in the YAML; named here because GraphQL enums need a name. */
export const EnumProcuratorsTypeBusiness = specEnum(
  'EnumProcuratorsTypeBusiness',
  ['REPRESENTANTE_LEGAL', 'PROCURADOR', 'NAO_POSSUI'] as const,
  'Tipo de representante (pessoa jurídica).',
);
export type EnumProcuratorsTypeBusiness = ValueOf<typeof EnumProcuratorsTypeBusiness>;

/** Inline in BusinessAccount.type, reused by PersonalAccount.type. */
export const EnumAccountType = specEnum(
  'EnumAccountType',
  ['CONTA_DEPOSITO_A_VISTA', 'CONTA_POUPANCA', 'CONTA_PAGAMENTO_PRE_PAGA', 'SEM_TIPO_CONTA'] as const,
  'Tipo de conta.',
);
export type EnumAccountType = ValueOf<typeof EnumAccountType>;

export const EnumAccountSubType = specEnum(
  'EnumAccountSubType',
  ['INDIVIDUAL', 'CONJUNTA_SIMPLES', 'CONJUNTA_SOLIDARIA', 'SEM_SUB_TIPO_CONTA'] as const,
  'Subtipo de conta (pessoa natural).',
);
export type EnumAccountSubType = ValueOf<typeof EnumAccountSubType>;

export const EnumPartiesPersonType = specEnum(
  'EnumPartiesPersonType',
  ['PESSOA_NATURAL', 'PESSOA_JURIDICA'] as const,
  'Natureza da parte (pessoa natural ou jurídica).',
);
export type EnumPartiesPersonType = ValueOf<typeof EnumPartiesPersonType>;

export const EnumPartiesType = specEnum('EnumPartiesType', ['SOCIO', 'ADMINISTRADOR'] as const, 'Tipo de parte.');
export type EnumPartiesType = ValueOf<typeof EnumPartiesType>;

export const EnumPartiesParticipationDocumentType = specEnum(
  'EnumPartiesParticipationDocumentType',
  ['CPF', 'PASSAPORTE', 'OUTRO_DOCUMENTO_VIAGEM', 'CNPJ'] as const,
  'Tipo de documento da parte.',
);
export type EnumPartiesParticipationDocumentType = ValueOf<typeof EnumPartiesParticipationDocumentType>;
