// Portal strings in Arabic (shown right to left).

import type { Catalog } from './fr';

export const ar: Catalog = {
  'page.skip': 'الانتقال إلى المحتوى',
  'page.language': 'اللغة',
  'page.footer': 'معلومات',
  'page.charter': 'الميثاق',
  'page.legal': 'الإشعار القانوني',
  'page.privacy': 'الخصوصية',
  'page.accessibility': 'إمكانية الوصول: مطابقة جزئية',
  'page.help': 'هل تحتاج إلى مساعدة؟ اسأل فريق الفضاء.',
  'page.back': 'العودة إلى الصفحة الرئيسية',

  'welcome.title': 'مرحبًا',
  'welcome.intro': 'الإنترنت مجاني في {space}. اقرأ الميثاق، وضع علامة في المربع، ثم اكتب رمز تذكرتك.',
  'welcome.introFree': 'الإنترنت مجاني في {space}. اقرأ الميثاق، وضع علامة في المربع، ثم اضغط على الزر.',
  'welcome.fromTicket': 'رمز تذكرتك مكتوب مسبقًا. ضع علامة في المربع لقبول الميثاق.',
  'welcome.loggedOut': 'تم قطع اتصالك. إلى اللقاء!',
  'welcome.charterHeading': 'الميثاق باختصار',
  'welcome.charterFull': 'قراءة الميثاق كاملًا',
  'welcome.formHeading': 'تسجيل الدخول',
  'welcome.accept': 'أقبل الميثاق',
  'welcome.codeLabel': 'رمز التذكرة',
  'welcome.codeHint': '12 حرفًا ورقمًا، مثلًا K7QM-X4TR-9WPA. الأحرف الكبيرة والشرطات اختيارية.',
  'welcome.submit': 'تسجيل الدخول',
  'welcome.errorTitle': 'لم ينجح تسجيل الدخول',
  'welcome.freeAllowance': 'الوقت المجاني لكل جهاز في اليوم: {duration}.',

  'error.charter': 'ضع علامة في مربع «أقبل الميثاق» للمتابعة.',
  'error.codeMissing': 'اكتب الرمز المطبوع على تذكرتك.',
  'error.codeLength': 'يتكون الرمز من 12 حرفًا ورقمًا. تحقق من تذكرتك.',
  'error.codeAlphabet': 'في الرمز حرف لا يوجد أبدًا في التذاكر (0 أو O أو 1 أو I أو L). تحقق من تذكرتك.',
  'error.unknown': 'هذا الرمز غير موجود. تحقق من تذكرتك. المحاولات المتبقية: {tries}.',
  'error.deviceLimit':
    'هذه التذكرة مستعملة على أكبر عدد مسموح به من الأجهزة ({max}). افصل جهازًا آخر أو اطلب تذكرة جديدة من الفريق.',
  'error.expired': 'لم يبق وقت في هذه التذكرة. اطلب تذكرة جديدة من الفريق.',
  'error.notYetValid': 'هذه التذكرة غير صالحة بعد. ستعمل ابتداءً من {time}.',
  'error.exhausted': 'استهلكت هذه التذكرة كل بياناتها. اطلب تذكرة جديدة من الفريق.',
  'error.revoked': 'ألغى الفريق هذه التذكرة. اطلب منه تذكرة جديدة.',
  'error.tooManyTries': 'رموز خاطئة كثيرة. انتظر قليلًا، ثم حاول مرة أخرى على الساعة {time}.',
  'error.freeUsed': 'استعمل هذا الجهاز وقته المجاني لهذا اليوم. عد غدًا، أو اطلب تذكرة من الفريق.',
  'error.csrf': 'كانت الصفحة قديمة جدًا. أُعيد تحميلها: حاول مرة أخرى من فضلك.',
  'error.input': 'تعذرت قراءة الاستمارة. حاول مرة أخرى من فضلك.',
  'error.technical': 'مشكلة تقنية تمنع الاتصال. حاول بعد قليل أو اسأل الفريق.',

  'status.title': 'أنت متصل',
  'status.timeLeft': 'الوقت المتبقي',
  'status.until': 'حتى الساعة {time}',
  'status.dataLeft': 'البيانات المتبقية',
  'status.devices': 'الأجهزة على هذه التذكرة',
  'status.devicesValue': '{used} من {max}',
  'status.freeAccess': 'دخول مجاني بدون تذكرة',
  'status.continue': 'المتابعة إلى {host}',
  'status.logoutHint': 'هل انتهيت؟ اقطع الاتصال.',
  'status.logout': 'قطع الاتصال',
  'status.charter': 'قراءة الميثاق مرة أخرى',
  'status.offTitle': 'أنت غير متصل',
  'status.offText': 'لاستعمال الإنترنت، اقبل الميثاق واكتب رمز تذكرتك.',
  'status.goWelcome': 'الذهاب إلى صفحة تسجيل الدخول',

  'handoff.invalidTitle': 'رابط الاتصال هذا لا يعمل',
  'handoff.invalidOpennds':
    'الرابط الذي أوصلك إلى هنا تالف أو قديم. افتح أي صفحة ويب للعودة إلى صفحة الاتصال. إذا تكرر ذلك، اسأل فريق الفضاء.',
  'handoff.invalidChilli':
    'الرابط الذي أوصلك إلى هنا تالف أو لا يأتي من شبكة الواي فاي الخاصة بالفضاء. افتح أي صفحة ويب للعودة إلى صفحة الاتصال. إذا تكرر ذلك، اسأل فريق الفضاء.',
  'handoff.failed':
    'رفضت شبكة الواي فاي في الفضاء هذه التذكرة. تحقق من الرمز، أو اطلب تذكرة جديدة من الفريق.',
  'handoff.successTitle': 'أنت متصل',
  'handoff.success': 'تم: يمكنك استخدام الإنترنت.',
  'handoff.alreadyTitle': 'أنت متصل بالفعل',
  'handoff.already': 'هذا الجهاز متصل بالفعل. يمكنك استخدام الإنترنت.',
  'handoff.logoffTitle': 'لقد قطعت الاتصال',
  'handoff.logoff': 'لقد قطعت الاتصال. إلى اللقاء!',

  'duration.days': '{d} يوم {h} ساعة',
  'duration.hours': '{h} ساعة {m} دقيقة',
  'duration.minutes': '{m} دقيقة',
  'size.mb': '{n} ميغابايت',
  'size.gb': '{n} غيغابايت',

  'charter.version': 'نسخة الميثاق {version}.',
  'charter.backToLogin': 'العودة إلى صفحة تسجيل الدخول',

  'blocked.title': 'هذا الموقع محجوب',
  'blocked.category': 'الفئة: {category}',
  'blocked.why': 'بعض المواقع محجوبة لحماية الجميع، كما ينص على ذلك ميثاق الفضاء.',
  'blocked.ask': 'هل تحتاج إلى هذا الموقع لإجراء إداري أو عمل أو ورشة؟ اسأل فريق الفضاء: يمكنه فتحه.',
  'blocked.contact': 'يمكنك أيضًا الكتابة إلى {email}.',
  'blocked.private': 'لا يُسجَّل هذا الحجب مع تذكرتك.',
  'blocked.charterIntro': 'ينصّ ميثاق الفضاء على ما يلي:',
  'blocked.charterQuote':
    '«لكي يبقى الاتصال آمنًا، تُحجب بعض فئات المواقع: مثل مواقع البالغين، والقمار، ومواقع الاحتيال أو الفيروسات.»',
  'blocked.credit':
    'تأتي الفئات من قوائم UT1 لجامعة تولوز كابيتول (Université Toulouse Capitole)، بترخيص CC BY-SA.',
  'category.adult': 'مواقع للبالغين',
  'category.gambling': 'ألعاب القمار',
  'category.phishing': 'الاحتيال والتصيد',
  'category.malware': 'برامج خطيرة',
  'category.violence': 'العنف والكراهية',
  'category.drugs': 'المخدرات',
  'category.hacking': 'القرصنة المعلوماتية',
  'category.warez': 'التنزيل غير القانوني',
  'category.dating': 'مواقع التعارف',
  'category.custom': 'قائمة الفضاء',
  'category.other': 'فئة أخرى',

  'outage.title': 'خدمة التذاكر في المدينة لا تستجيب',
  'outage.text':
    'خدمة التذاكر في المدينة لا تستجيب الآن، لذلك لا يمكن تسجيل دخول جديد. من هم متصلون الآن يحتفظون بالإنترنت. اسأل فريق الفضاء.',

  'storeFull.title': 'جهاز الفضاء ممتلئ',
  'storeFull.text':
    'الجهاز الذي يدير شبكة الواي فاي في الفضاء لم يعد فيه مكان لتسجيل الاتصالات، لذلك لا يمكن تسجيل دخول جديد الآن. من هم متصلون الآن يحتفظون بالإنترنت. اسأل فريق الفضاء.',

  'notFound.title': 'الصفحة غير موجودة',
  'notFound.text': 'هذه الصفحة غير موجودة.',
};
