-- Care groups (特殊人群) as an administrator-editable dictionary, with their home-visit rules
-- ("入户看一遍、电话问一遍、邻居访一遍"): visit_rule is a list of {kind, everyDays}.
CREATE TABLE care_tag (
  code         text PRIMARY KEY,
  name_zh      text NOT NULL,
  name_en      text NOT NULL,
  is_sensitive boolean NOT NULL DEFAULT false,
  visit_rule   jsonb NOT NULL DEFAULT '[]'::jsonb,
  sort_order   integer NOT NULL DEFAULT 0,
  is_active    boolean NOT NULL DEFAULT true,
  CONSTRAINT care_tag_code_format_check CHECK (code ~ '^[a-z][a-z0-9_]{1,39}$'),
  CONSTRAINT care_tag_visit_rule_check CHECK (jsonb_typeof(visit_rule) = 'array')
);

INSERT INTO care_tag (code, name_zh, name_en, is_sensitive, visit_rule, sort_order) VALUES
  ('living_alone',      '独居老人', 'Elderly living alone', false, '[{"kind":"phone","everyDays":7},{"kind":"home","everyDays":30}]', 10),
  ('empty_nest',        '空巢老人', 'Empty-nest elderly',   false, '[{"kind":"phone","everyDays":14},{"kind":"home","everyDays":60}]', 20),
  ('elderly_80',        '高龄老人', 'Aged 80 and over',     false, '[{"kind":"phone","everyDays":14},{"kind":"home","everyDays":30}]', 30),
  ('disabled',          '残疾人',   'Person with disability', true, '[{"kind":"home","everyDays":30}]', 40),
  ('subsistence',       '低保对象', 'Subsistence allowance', false, '[{"kind":"home","everyDays":90}]', 50),
  ('veteran',           '优抚对象', 'Veteran or martyr''s family', false, '[{"kind":"home","everyDays":90}]', 60),
  ('left_behind_child', '留守儿童', 'Left-behind child',    false, '[{"kind":"home","everyDays":30}]', 70),
  ('key_person',        '重点人员', 'Person under special attention', true, '[{"kind":"home","everyDays":30}]', 80);
