/**
 * Where a failed submit's message goes: onto the fields it concerns (validation details, or codes
 * that name one field such as NODE_NAME_TAKEN), otherwise into an alert above the form.
 */
import { useCallback, useState } from 'react';
import { ApiError } from '../lib/api-error.ts';
import { applyFieldErrors, type FieldSetter } from '../lib/form-errors.ts';
import { errorText } from './error-alert.tsx';

export interface FormError {
  /** Text for the alert, when the error did not land on a field. */
  alert: string | undefined;
  /** Routes an error to fields or the alert. */
  show: (error: unknown) => void;
  clear: () => void;
}

export function useFormError(form: FieldSetter, fieldByCode: Readonly<Record<string, string>> = {}): FormError {
  const [alert, setAlert] = useState<string>();
  const show = useCallback(
    (error: unknown) => {
      if (error instanceof ApiError) {
        const field = fieldByCode[error.code];
        if (field) {
          form.setFields([{ name: [field], errors: [error.message] }]);
          setAlert(undefined);
          return;
        }
        if (applyFieldErrors(form, error.fieldIssues)) {
          setAlert(undefined);
          return;
        }
      }
      setAlert(errorText(error));
    },
    [form, fieldByCode],
  );
  const clear = useCallback(() => setAlert(undefined), []);
  return { alert, show, clear };
}
