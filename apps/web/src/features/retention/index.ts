/** 个人信息保存期限: the registry's retention policy, for the system administrator. */
export { RetentionPolicyForm, useRetentionSetting } from './retention-policy.tsx';
