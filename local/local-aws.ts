/** Region and dummy credentials for the emulators; nothing here reaches AWS. */
export const LOCAL_REGION = 'eu-west-2';
export const LOCAL_ACCOUNT_ID = '000000000000';
export const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' } as const;
