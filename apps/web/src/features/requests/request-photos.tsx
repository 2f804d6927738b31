/** Photos of a request: thumbnails that open a viewer, and an upload field for intake and steps. */
import { useState } from 'react';
import { App, Image, Flex, Upload, Typography } from 'antd';
import type { UploadFile } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ATTACHMENT_MAX_BYTES, attachmentContentTypes } from '@linli/contracts';
import { errorText } from '../../ui/error-alert.tsx';
import { photoUrl, uploadRequestPhoto } from './request-queries.ts';

/** Thumbnails of stored photos; a click opens the viewer (arrows go through the group). */
export function PhotoThumbs({ ids, size = 88 }: { ids: readonly number[]; size?: number }) {
  const { t } = useTranslation();
  if (ids.length === 0) return null;
  return (
    <Image.PreviewGroup>
      <Flex gap={8} wrap>
        {ids.map((id, i) => (
          <Image
            key={id}
            src={photoUrl(id)}
            alt={t('requests.photo.alt', { n: i + 1 })}
            width={size}
            height={size}
            style={{ objectFit: 'cover', borderRadius: 6, border: '1px solid #e8ecf2' }}
          />
        ))}
      </Flex>
    </Image.PreviewGroup>
  );
}

export interface PhotoUploadProps {
  value?: number[];
  onChange?: (ids: number[]) => void;
  max?: number;
  id?: string;
}

/** Uploads each chosen photo at once (raw body) and keeps the ids in the form. */
export function PhotoUpload({ value = [], onChange, max = 6, id }: PhotoUploadProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [files, setFiles] = useState<UploadFile[]>([]);

  return (
    <>
      <Upload
        id={id}
        listType="picture-card"
        accept={attachmentContentTypes.join(',')}
        multiple
        fileList={files}
        beforeUpload={(file) => {
          if (!(attachmentContentTypes as readonly string[]).includes(file.type)) {
            void message.error(t('requests.photo.badType', { name: file.name }));
            return Upload.LIST_IGNORE;
          }
          if (file.size > ATTACHMENT_MAX_BYTES) {
            void message.error(t('requests.photo.tooBig', { name: file.name }));
            return Upload.LIST_IGNORE;
          }
          return true;
        }}
        customRequest={({ file, onSuccess, onError }) => {
          uploadRequestPhoto(file as File)
            .then((answer) => onSuccess?.(answer))
            .catch((err: unknown) => {
              void message.error(t('requests.photo.failed', { message: errorText(err) }));
              onError?.(err instanceof Error ? err : new Error(String(err)));
            });
        }}
        onChange={({ fileList }) => {
          setFiles(fileList);
          const ids = fileList
            .filter((f) => f.status === 'done')
            .map((f) => (f.response as { id: number } | undefined)?.id)
            .filter((x): x is number => typeof x === 'number');
          if (ids.join() !== value.join()) onChange?.(ids);
        }}
      >
        {files.length >= max ? null : (
          <button type="button" style={{ border: 0, background: 'none', cursor: 'pointer' }}>
            <PlusOutlined />
            <div style={{ marginTop: 8 }}>{t('requests.photo.add')}</div>
          </button>
        )}
      </Upload>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('requests.act.photosHint')}
      </Typography.Text>
    </>
  );
}
