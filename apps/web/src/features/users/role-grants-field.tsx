/** The role + node rows of a user form (a Form.List named `roles`). */
import { Button, Flex, Form, Select } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Role } from '@linli/contracts';
import { useLabels } from '../../lib/labels.ts';
import { useSession } from '../auth/index.ts';
import { NodeSearchSelect } from '../jurisdiction/index.ts';
import { grantableRoles, isGlobalRole } from './grantable-roles.ts';

export interface GrantValue {
  role?: Role;
  nodeId?: number | null;
}

export function RoleGrantsField({ defaultNodeId }: { defaultNodeId: number | null }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const me = useSession();
  const options = grantableRoles(me.roles.map((r) => r.role)).map((r) => ({ value: r, label: labels.role(r) }));

  return (
    <Form.List
      name="roles"
      rules={[
        {
          validator: async (_rule, value: GrantValue[] | undefined) => {
            if (!value || value.length === 0) throw new Error(t('users.grantsRequired'));
          },
        },
      ]}
    >
      {(fields, { add, remove }, { errors }) => (
        <Form.Item label={t('users.roleGrants')} required>
          <Flex vertical gap={8}>
            {fields.map((field, index) => (
              <Flex key={field.key} gap={8} align="flex-start">
                <Form.Item
                  name={[field.name, 'role']}
                  rules={[{ required: true, message: t('users.roleRequired') }]}
                  style={{ marginBottom: 0, width: 200, flex: 'none' }}
                >
                  <Select
                    aria-label={`${t('users.role')} ${index + 1}`}
                    options={options}
                    placeholder={t('users.role')}
                  />
                </Form.Item>
                <Form.Item noStyle dependencies={[['roles', field.name, 'role']]}>
                  {({ getFieldValue }) => {
                    const role = getFieldValue(['roles', field.name, 'role']) as Role | undefined;
                    const global = isGlobalRole(role);
                    return (
                      <Form.Item
                        name={[field.name, 'nodeId']}
                        rules={global ? [] : [{ required: true, message: t('users.nodeRequired') }]}
                        style={{ marginBottom: 0, flex: 1, minWidth: 0 }}
                      >
                        <NodeSearchSelect
                          aria-label={`${t('users.node')} ${index + 1}`}
                          placeholder={global ? t('users.globalScope') : undefined}
                        />
                      </Form.Item>
                    );
                  }}
                </Form.Item>
                <Button
                  type="text"
                  icon={<MinusCircleOutlined />}
                  aria-label={t('users.removeGrantN', { n: index + 1 })}
                  title={t('users.removeGrant')}
                  onClick={() => remove(field.name)}
                  disabled={fields.length <= 1}
                />
              </Flex>
            ))}
            <Button
              type="dashed"
              icon={<PlusOutlined />}
              onClick={() => add({ nodeId: defaultNodeId ?? undefined } satisfies GrantValue)}
              style={{ alignSelf: 'flex-start' }}
            >
              {t('users.addGrant')}
            </Button>
            <Form.ErrorList errors={errors} />
          </Flex>
        </Form.Item>
      )}
    </Form.List>
  );
}
