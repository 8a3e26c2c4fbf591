import type { UiCatalogue } from './zh-CN';

/** Visible strings in English. */
export const en: UiCatalogue = {
  'app.title': 'Unified Customer Zone',
  'app.hotline': 'Hotline +86-755-83183333',
  'nav.home': 'Home',
  'nav.certify': 'Certification',
  'nav.progress': 'Certification status',
  'nav.login': 'Account login',
  'nav.wechatLogin': 'WeChat login',
  'nav.language': 'Language',

  'common.inputPlaceholder': 'Please enter',
  'common.next': 'Next',
  'common.previous': 'Back',
  'common.submit': 'Submit',
  'common.loading': 'Loading…',
  'common.retry': 'Retry',
  'common.delete': 'Delete',
  'common.preview': 'Preview',
  'common.download': 'Download',
  'common.networkError': 'The network connection failed. Check your network and try again.',
  'common.requiredField': 'Enter the {field}',
  'common.comingSoon': 'This function is coming soon.',
  'common.backHome': 'Back to home',

  'home.headline': 'Unified Customer Zone',
  'home.intro':
    'Once certified, overseas corporate users log in to the Unified Customer Zone to apply for services, query them and check bills.',
  'home.certifyCard':
    'Certify your company and your account. Review normally takes up to 3 working days.',
  'home.progressCard': 'Already applied? Check the status of your application here.',

  'steps.company': 'Company',
  'steps.documents': 'Documents',
  'steps.account': 'Account',
  'steps.success': 'Submitted',

  'agreement.scrollHint': 'Read the agreement and scroll to the end',
  'agreement.accept': 'I have read and agree to the agreement above',
  'agreement.loadFailed': 'The agreement failed to load. Try again.',

  'company.fullNameHint': 'Enter the company name',
  'company.addressNote':
    'Note: the registered address must match the business registration certificate.',
  'company.categoriesNote': 'Note: to serve you well, check carefully which businesses you need.',
  'company.otherPlaceholder': 'If no category fits, describe the business briefly',
  'company.autofilled':
    'Your company is already certified. Its details were filled in; only proof of employment is needed.',
  'company.helpButton': 'Explanation',
  'company.chooseCategory': 'Choose at least one business category',
  'company.otherRequired': 'Describe the business when you tick Other',

  'documents.registrationNote':
    '(Note: the certificate must prove the legal status of the company and normally shows its name, type, address, legal representative, registered capital, business scope and term.)',
  'documents.employmentNote': 'Business card, staff card or similar',
  'documents.adminNote':
    'Note: an administrator account manages the ordinary accounts of the company: it adds, disables and edits them, sets their permissions and resets their passwords. Apply for one if your company needs several ordinary accounts.',
  'documents.adminAuthorisationNote':
    'Upload the administrator account authorisation letter bearing the company seal.',
  'documents.downloadTemplate': 'Download template',
  'documents.choose': 'Upload file',
  'documents.rules': 'PDF, JPG or PNG, at most {maxMb} MB each, at most {max} files',
  'documents.uploading': 'Uploading {percent}%',
  'documents.uploadFailed': 'Upload failed',
  'documents.missing': 'Upload the {field}',
  'documents.adminAgreementRequired': 'Read and accept the administrator agreement first',

  'account.usernamePlaceholder': 'Please enter',
  'account.namePlaceholder': 'Your real name',
  'account.phonePlaceholder': 'Direct line',
  'account.passwordPlaceholder':
    'At least 8 characters with upper and lower case letters, digits and symbols',
  'account.emailPlaceholder': 'Each email can be used once',
  'account.sendCode': 'Send code',
  'account.resendIn': 'Resend in {seconds} s',
  'account.codeSent': 'A code was sent to {email}. It is valid for 5 minutes.',
  'account.passwordRule':
    'The password needs at least 8 characters with an upper-case letter, a lower-case letter, a digit and a special character.',
  'account.passwordMismatch': 'The two passwords do not match.',
  'account.emailFirst': 'Enter the corporate email first',

  'success.title': 'Application submitted',
  'success.number': 'Application number: {number}',
  'success.pending':
    'Your application was submitted and awaits review. Review normally takes up to 3 working days; you will be notified by SMS or email.',
  'success.deadline': 'Review expected by: {date}',
  'success.queryHint': 'Use Certification status at the top right to follow the review.',

  'progress.title': 'Certification status',
  'progress.byPassword': 'By account and password',
  'progress.byEmail': 'By email code',
  'progress.query': 'Search',
  'progress.none': 'No certification application was found.',
  'progress.number': 'Application number',
  'progress.company': 'Company',
  'progress.username': 'Account',
  'progress.submittedAt': 'Submitted',
  'progress.deadline': 'Review deadline',
  'progress.status': 'Status',
  'progress.reason': 'Rejection reason',
  'progress.reopen': 'Correct and resubmit',
  'progress.reopenAgreement': 'Read and accept the user agreement again before you resubmit.',
  'status.pending': 'Pending review',
  'status.approved': 'Approved',
  'status.rejected': 'Rejected',
  'event.submitted': 'Submitted',
  'event.resubmitted': 'Corrected and resubmitted',
  'event.approved': 'Approved',
  'event.rejected': 'Rejected',

  'placeholder.loginTitle': 'Account login',
  'placeholder.wechatTitle': 'WeChat login',
};
