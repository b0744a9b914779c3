-- The Real Living Wage: the UK and London hourly rates the Living Wage Foundation announces each
-- autumn, in pence, with the day they were announced and the day they apply from (the end of the
-- implementation period the Foundation gives employers). Pay is measured against the rates that
-- applied on its pay date (decision 026). A platform administrator adds each new year's rates and
-- corrects a mistaken entry; both are audited. Seeded with the rates of SPEC section 4.
CREATE TABLE living_wage_rates (
  year_label text PRIMARY KEY CHECK (year_label ~ '^[0-9]{4}/[0-9]{2}$'),
  uk_pence integer NOT NULL CHECK (uk_pence > 0),
  london_pence integer NOT NULL CHECK (london_pence >= uk_pence),
  announced_on date NOT NULL,
  applies_from date NOT NULL UNIQUE CHECK (applies_from > announced_on),
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid REFERENCES users (id),
  updated_at timestamptz,
  updated_by uuid REFERENCES users (id)
);

INSERT INTO living_wage_rates (year_label, uk_pence, london_pence, announced_on, applies_from) VALUES
  ('2018/19', 900, 1055, '2018-11-05', '2019-05-01'),
  ('2019/20', 930, 1075, '2019-11-11', '2020-05-11'),
  ('2020/21', 950, 1085, '2020-11-09', '2021-05-09'),
  ('2021/22', 990, 1105, '2021-11-15', '2022-05-15'),
  ('2022/23', 1090, 1195, '2022-09-22', '2023-05-14'),
  ('2023/24', 1200, 1315, '2023-10-24', '2024-05-01'),
  ('2024/25', 1260, 1385, '2024-10-23', '2025-05-01'),
  ('2025/26', 1345, 1480, '2025-10-22', '2026-05-01');
