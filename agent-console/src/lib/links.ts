/** Whether a URL from outside (Yantai's attachments) may be shown as a link: web addresses only. */
export const isWebLink = (url: string): boolean => /^https?:\/\/[^\s]/i.test(url);
