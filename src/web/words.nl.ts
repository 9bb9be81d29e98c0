import { GROUP_WORDS } from '../domain/groups.js';
import type { RecordFromKind } from '../domain/recording.js';
import { STATUS_WORDS } from '../domain/status-words.js';
import type { ItemStatus } from '../domain/types.js';

/** Why a step cannot be recorded before a date, in her words (src/domain/recording.ts gives the kind). */
const FROM_NL: Record<RecordFromKind, string> = {
  calendar: 'eerder accepteert de verzekeraar deze stap niet',
  publication: 'toen publiceerde de verzekeraar deze afspraken pas',
  window: 'dan gaat de termijn voor deze stap open',
  recorded: 'toen is de stap gedaan waar deze op volgt',
};

/** The pages' words in Dutch (B1: short sentences, who acts named): their shape is every language's. */
export const NL = {
  service: 'Contractdeadlines geboortezorg',
  switchTo: { code: 'en', label: 'English' },
  skip: 'Naar de inhoud',
  homeTitle: 'Alle contractdata van uw zorgverzekeraars op één plek',
  homeIntro1:
    'Zorgverzekeraars geven in hun zorginkoopbeleid data waarop u iets moet doen: een vragenlijst indienen, een aanvraag sturen, een overeenkomst tekenen.',
  homeIntro2:
    'Hier ziet u welke data voor uw praktijk gelden. U zet ze in uw agenda, en als u wilt krijgt u een e-mail voordat een datum verloopt.',
  calendarsTitle: 'Deze beleidsdocumenten staan erin',
  calendarColumns: {
    insurer: 'Zorgverzekeraar',
    year: 'Contractjaar',
    document: 'Document',
    checked: 'Data gecontroleerd',
  },
  notChecked: 'nog niet vermeld',
  formTitle: 'Mijn situatie',
  kindsLegend: 'Welke zorg geeft u?',
  kindsHint: 'Kies alles wat past.',
  contractLegend: (insurer: string, year: number) => `${insurer}: contract voor ${year}`,
  statusShort: { existing: 'bestaand', new: 'nieuw' },
  // What her dates with one insurer and year rest on (issue 20 §1): its encoded document, or the law and herself.
  datesRestOn: (version: number | null, expectedFrom?: number) =>
    version !== null
      ? `datums uit het document (versie ${version})`
      : expectedFrom !== undefined
        ? `nog geen document: verwacht op basis van het beleid ${expectedFrom}, wettelijke data en uw eigen data`
        : 'nog geen document: wettelijke data en uw eigen data',
  contractOptions: {
    existing: 'Ik heb nu een contract (bestaand)',
    new: 'Ik wil een contract (nieuw)',
    none: 'Geen van beide',
  },
  attributeLabel: (description: string) => description,
  attributeAny: 'Weet ik niet / niet van toepassing',
  onlyFor: (kinds: string[]) =>
    `alleen voor ${kinds.map((kind) => kind.charAt(0).toLowerCase() + kind.slice(1)).join(' en ')}`,
  showDates: 'Toon mijn data',
  errorTitle: 'Er is een probleem',
  problems: {
    'no-kind': 'Kies welke zorg u geeft.',
    'no-contract': 'Kies bij minstens één zorgverzekeraar of u een contract heeft of wilt.',
    'bad-value': 'Deze keuze bestaat niet. Kies opnieuw.',
    'unknown-insurer':
      'Deze zorgverzekeraar of dit contractjaar kennen wij niet. Kies een zorgverzekeraar uit de lijst.',
  },
  situationTitle: 'Uw data',
  situationFor: (kinds: string, insurers: string) => `Voor ${kinds}, bij ${insurers}.`,
  changeSituation: 'Situatie wijzigen',
  nextTitle: 'Dit moet u als eerste doen',
  nothingNext: 'U hoeft op dit moment niets te doen.',
  notContracted: (insurer: string, year: number, kinds: string) =>
    `${insurer} contracteert in ${year} geen ${kinds}: het zorginkoopbeleid noemt die zorg niet. Daarom staan hier geen data van ${insurer} voor ${kinds}.`,
  nothingContracted:
    'Voor de zorg die u koos heeft u hier geen data: deze zorgverzekeraar contracteert die zorg niet (zie hierboven).',
  nowTitle: GROUP_WORDS.now.nl,
  comingTitle: GROUP_WORDS.next.nl,
  passedTitle: (n: number) => `${GROUP_WORDS.history.nl} (${n})`,
  expectedTitle: GROUP_WORDS.expected.nl,
  expectedHint:
    'Deze data volgen uit het beleid van vorig jaar (zelfde dag en maand). De verzekeraar heeft ze nog niet gepubliceerd; u krijgt er geen herinneringen voor.',
  who: { provider: 'U doet dit', insurer: (insurer: string) => `${insurer} doet dit`, info: 'Ter informatie' },
  daysLeft: (days: number) =>
    days === 0 ? 'vandaag' : days === 1 ? 'morgen' : days < 0 ? `${-days} dagen geleden` : `nog ${days} dagen`,
  window: (from: string, to: string) => `${from} tot en met ${to}`,
  /** A window not yet open counts to its start, an open one to its end: the words say which. */
  opensIn: (days: number) => (days === 1 ? 'opent morgen' : `opent over ${days} dagen`),
  openFor: (days: number) =>
    days === 0 ? 'vandaag nog open' : days === 1 ? 'nog tot en met morgen open' : `nog ${days} dagen open`,
  at: (time: string) => `om ${time} uur`,
  waiting: 'Nog geen datum: die volgt zodra u de stap ervoor vastlegt.',
  status: (status: ItemStatus) => STATUS_WORDS[status].nl,
  notStarted: 'Nog geen datum: het kan gebeuren, maar hoeft niet. Leg het vast als het gebeurt.',
  adviceNote: 'Advies van deze dienst, geen datum van de zorgverzekeraar.',
  done: (date: string) => `Gedaan op ${date}`,
  doneBy: (via: 'api' | 'web' | null, contact: string | null) =>
    via === 'web'
      ? `vastgelegd op de website${contact ? ` door ${contact}` : ''}`
      : via === 'api'
        ? 'vastgelegd door de software van de praktijk'
        : null,
  source: 'Bron',
  section: 'paragraaf',
  derivation: 'Zo is deze datum berekend',
  subscribeTitle: 'Zet deze data in uw agenda',
  subscribeIntro: 'Kies uw agenda. De data blijven daarna vanzelf bijgewerkt.',
  google: 'Google Agenda',
  outlookWeb: 'Outlook op internet (Outlook.com, Microsoft 365)',
  outlookDesktop: 'Outlook op uw computer',
  apple: 'Apple Agenda (iPhone, iPad, Mac)',
  copyTitle: 'Of kopieer dit adres in een andere agenda-app:',
  copyLabel: 'Adres van de agenda',
  copyButton: 'Kopieer het adres',
  copied: 'Het adres is gekopieerd. Plak het in uw agenda-app.',
  phone: {
    title: 'Toevoegen op uw telefoon',
    intro: 'Kopieer eerst het adres hierboven. Daarna per app:',
    apple: {
      name: 'Apple Agenda op de iPhone',
      steps: [
        'Tik hierboven op ‘Apple Agenda’ en dan op ‘Abonneer’. Werkt dat niet, dan:',
        'Open Instellingen › Agenda › Accounts › Voeg account toe › Andere.',
        'Tik op ‘Voeg agenda-abonnement toe’, plak het adres en tik op ‘Volgende’ en ‘Bewaar’.',
      ],
    },
    google: {
      name: 'Google Agenda',
      cannot:
        'De Google Agenda-app op uw telefoon kan zich niet op een agenda abonneren. Voeg de agenda één keer toe op de website van Google; daarna staat hij ook in de app.',
      open: 'Open in een browser (op uw computer, of op uw telefoon met ‘Desktopsite’ aan):',
      steps: [
        'Klik links naast ‘Andere agenda’s’ op + en kies ‘Via URL’.',
        'Plak het adres en klik op ‘Agenda toevoegen’.',
        'In de app op uw telefoon: Instellingen › kies de nieuwe agenda › zet ‘Synchroniseren’ aan.',
      ],
    },
    outlook: {
      name: 'Outlook-app (iPhone en Android)',
      steps: [
        'Open de agenda in de Outlook-app en tik op het pictogram ‘Agenda toevoegen’.',
        'Kies ‘Abonneren op een agenda op internet’ (of ‘Agenda van internet’), plak het adres en tik op ‘Toevoegen’.',
        'Gebruikt u Outlook op internet? Met de knop ‘Outlook op internet’ hierboven staat de agenda daarna ook in de app.',
      ],
    },
  },
  refresh:
    'Agenda-apps halen wijzigingen zelf op: Google en Outlook één keer per paar uur tot één keer per dag. Een wijziging staat er dus niet meteen in.',
  alarms:
    'Meldingen (alarmen) in een geabonneerde agenda werken vaak niet: Google en Outlook slaan ze over. Wilt u op tijd gewaarschuwd worden? Vraag dan hieronder herinneringen per e-mail aan.',
  alarmsOwn:
    'Meldingen (alarmen) in een geabonneerde agenda werken vaak niet: Google en Outlook slaan ze over. Daarom sturen we u een e-mail voordat een datum verloopt.',
  alarmsOwnOff:
    'Meldingen (alarmen) in een geabonneerde agenda werken vaak niet: Google en Outlook slaan ze over. U krijgt nu geen herinneringen per e-mail; wilt u die weer, zet ze dan aan via ‘Situatie, contact en herinneringen wijzigen’.',
  alarmsFeed:
    'Meldingen (alarmen) in een geabonneerde agenda werken vaak niet: Google en Outlook slaan ze over. Vertrouw dus niet op een melding in uw agenda.',
  signupTitle: 'Herinneringen per e-mail',
  signupIntro:
    'U krijgt een e-mail 14, 7 en 1 dag voor elke datum waarop u iets moet doen. U kunt dan ook vastleggen wat u gedaan heeft: de volgende data rekenen daarmee verder.',
  email: 'E-mailadres',
  emailHint: 'Hier sturen we eerst één e-mail om uw adres te bevestigen.',
  yourName: 'Uw naam',
  practice: 'Naam van uw praktijk of organisatie',
  agb: 'AGB-code (niet verplicht)',
  agbHint: '8 cijfers, bijvoorbeeld 01234567.',
  language: 'Taal van de e-mails',
  languages: { nl: 'Nederlands', en: 'Engels' },
  signupButton: 'Herinneringen aanvragen',
  fieldProblems: {
    email: 'Vul een e-mailadres in zoals naam@praktijk.nl.',
    name: 'Vul uw naam in (zonder < > of ").',
    practice: 'Vul de naam van uw praktijk in.',
    agb: 'Een AGB-code heeft 8 cijfers. Laat het veld leeg als u hem niet weet.',
    language: 'Kies Nederlands of Engels.',
    date: 'Vul een datum in, niet later dan vandaag.',
    dateFrom: (from: string, kind: RecordFromKind, future: boolean) =>
      future
        ? `Deze stap kan pas vanaf ${from} gedaan zijn: ${FROM_NL[kind]}. Leg hem vast als het zover is.`
        : `Vul een datum in vanaf ${from} tot en met vandaag: ${FROM_NL[kind]}.`,
    note: 'Een notitie is hooguit 500 tekens, op één regel.',
    item: 'Deze stap staat niet (meer) in uw overzicht.',
    reminderDays: 'Vul dagen in als getallen van 0 tot 365, gescheiden door komma’s, bijvoorbeeld 14, 7, 1.',
    sameAddress: 'Dit is al uw e-mailadres. Vul een ander adres in.',
  },
  sentTitle: 'Kijk in uw e-mail',
  sentBody: (email: string) =>
    `Als ${email} nog geen herinneringen krijgt, sturen we er nu één e-mail naartoe met een link. Klik op die link om uw aanmelding te bevestigen. Pas daarna sturen we herinneringen.`,
  sentNoMail:
    'Geen e-mail gekregen? Kijk in uw map met ongewenste e-mail. De link werkt 7 dagen. Daarna verwijderen we uw aanmelding.',
  sentExisting: 'Heeft u zich al eerder aangemeld? Dan krijgt u een e-mail met een link naar uw eigen pagina.',
  confirmTitle: 'Aanmelding bevestigen',
  confirmBody: (practice: string, email: string) =>
    `U meldt ${practice} aan voor herinneringen per e-mail naar ${email}.`,
  confirmButton: 'Ja, stuur mij herinneringen',
  linkGoneTitle: 'Deze link werkt niet (meer)',
  linkGoneBody:
    'De link is verlopen, al gebruikt of niet helemaal overgenomen. Kopieer de link uit de e-mail in zijn geheel, of vraag een nieuwe aan.',
  linkExpiredTitle: 'Deze link is verlopen',
  signupAgain: 'Opnieuw aanmelden',
  newLinkTitle: 'Nieuwe link naar uw pagina',
  newLinkIntro:
    'Kwijt? Vul het e-mailadres in waarmee u zich heeft aangemeld. We sturen daar een link naartoe. Uw oude link werkt daarna niet meer.',
  newLinkButton: 'Stuur mij een nieuwe link',
  newLinkSent: (email: string) =>
    `Als ${email} bij ons bekend is, krijgt u binnen een paar minuten een e-mail met een link. De link werkt 24 uur.`,
  signInTitle: 'Naar uw pagina',
  signInBody:
    'Met deze knop maakt u een nieuwe link naar uw pagina. De oude link werkt dan niet meer. De nieuwe staat in elke e-mail die we u sturen.',
  signInButton: 'Open mijn pagina',
  ownTitle: (practice: string) => `Contractdata van ${practice}`,
  ownIntro: 'Dit is uw eigen pagina. Bewaar de link goed: wie hem heeft, kan hier dingen vastleggen.',
  recordSummary: 'Gedaan? Leg het vast',
  chainSummary: 'Gebeurd? Leg de datum vast',
  recordDate: 'Datum',
  recordDateHint: 'Vandaag is al ingevuld. Niet later dan vandaag.',
  recordNote: 'Notitie (niet verplicht)',
  recordButton: 'Vastleggen',
  undoButton: 'Ongedaan maken',
  recorded: (title: string, date: string) =>
    `Vastgelegd: ${title} op ${date}. De data die daarop volgen zijn bijgewerkt.`,
  undone: (title: string) => `Ongedaan gemaakt: ${title}.`,
  undoneEarlierStands: (title: string, date: string) =>
    `Ongedaan gemaakt: ${title}. Een eerdere datum die u vastlegde staat nog: gedaan op ${date}.`,
  ownFeedTitle: 'Uw persoonlijke agenda',
  ownFeedIntro: 'Deze agenda toont ook wat u heeft vastgelegd. Het adres is geheim: deel het alleen met collega’s.',
  settingsLink: 'Situatie, contact en herinneringen wijzigen',
  rotateTitle: 'Agenda-adres vervangen',
  rotateIntro:
    'Is het adres van uw agenda bij iemand terechtgekomen die het niet mag hebben? Maak een nieuw adres. Het oude werkt dan niet meer; u moet de agenda opnieuw toevoegen.',
  rotateButton: 'Nieuw agenda-adres maken',
  rotated: 'Uw agenda heeft een nieuw adres. Voeg de agenda opnieuw toe met een van de knoppen hieronder.',
  deleteLink: 'Alles verwijderen',
  settingsTitle: 'Gegevens wijzigen',
  reminderDays: 'Hoeveel dagen van tevoren wilt u een e-mail?',
  remindersOn: 'Stuur mij herinneringen per e-mail',
  showExpectedOn: 'Toon ook de verwachte data van het volgende contractjaar (nog niet gepubliceerd)',
  reminderDaysHint: 'Getallen gescheiden door komma’s, bijvoorbeeld 14, 7, 1. 0 is op de dag zelf.',
  saveButton: 'Wijzigingen opslaan',
  saved: 'Uw wijzigingen zijn opgeslagen.',
  backToPage: 'Terug naar mijn pagina',
  addressLink: 'E-mailadres wijzigen',
  addressTitle: 'E-mailadres wijzigen',
  addressNow: (email: string) => `De e-mails gaan nu naar ${email}.`,
  addressIntro:
    'Vul het nieuwe adres in. We sturen eerst één e-mail naar het nieuwe adres. Pas als u op de link in die e-mail klikt, gaan de herinneringen daarheen.',
  addressWaiting: (email: string) => `U vroeg eerder om ${email}. Dat adres is nog niet bevestigd.`,
  newAddress: 'Nieuw e-mailadres',
  addressButton: 'Stuur een bevestiging naar het nieuwe adres',
  addressSentTitle: 'Kijk in de e-mail van het nieuwe adres',
  addressSentBody: (email: string) =>
    `We sturen een e-mail met een link naar ${email}. Klik op die link om het adres te bevestigen. De link werkt 24 uur.`,
  addressSentOld: (email: string) => `Tot u de link volgt, blijven de e-mails naar ${email} gaan.`,
  addressSentNoMail:
    'Geen e-mail gekregen? Kijk in de map met ongewenste e-mail. Naar één adres sturen we hooguit 3 van deze e-mails per dag.',
  addressConfirmTitle: 'Nieuw e-mailadres bevestigen',
  addressConfirmBody: (practice: string, email: string) =>
    `Vanaf nu gaan de herinneringen voor ${practice} naar ${email}.`,
  addressConfirmButton: 'Ja, gebruik dit adres',
  addressChanged: (email: string) => `Uw e-mailadres is gewijzigd. De e-mails gaan nu naar ${email}.`,
  deleteTitle: 'Alles verwijderen?',
  deleteBody: (practice: string) =>
    `We verwijderen alles over ${practice}: uw situatie, uw contactgegevens, alles wat u heeft vastgelegd en de e-mails die nog klaarstaan. Uw agenda-adres en de link naar deze pagina werken daarna niet meer. Dit kunt u niet ongedaan maken.`,
  deleteButton: 'Ja, verwijder alles',
  deletedTitle: 'Alles is verwijderd',
  deletedBody:
    'We hebben niets meer over u bewaard. U krijgt geen e-mails meer. Haal de agenda ook weg uit uw agenda-app.',
  recordPageTitle: 'Leg vast wat u gedaan heeft',
  recordPageIntro: (practice: string) =>
    `Voor ${practice}. De data die hierop volgen, rekenen vanaf de datum die u invult.`,
  recordedTitle: 'Vastgelegd',
  allDates: 'Alle data van uw praktijk',
  alreadyDone: (date: string) => `Dit is al vastgelegd: gedaan op ${date}.`,
  unsubscribeTitle: 'Geen herinneringen meer?',
  unsubscribeBody: (email: string, practice: string) =>
    `${email} krijgt dan geen e-mails meer over de contractdata van ${practice}. Uw agenda en uw pagina blijven werken.`,
  unsubscribeUndo:
    'Toch weer herinneringen? Zet ze aan op uw eigen pagina, onder ‘Gegevens wijzigen’. Komen de e-mails via uw praktijksoftware? Vraag dan de beheerder om het adres opnieuw toe te voegen.',
  unsubscribeButton: 'Stop de herinneringen',
  unsubscribedTitle: 'U bent afgemeld',
  unsubscribedBody: (email: string, practice: string) => `${email} krijgt geen herinneringen meer over ${practice}.`,
  resubscribeButton: 'Toch weer herinneringen ontvangen',
  resubscribedTitle: 'U krijgt weer herinneringen',
  resubscribedBody: (email: string, practice: string) => `${email} krijgt weer herinneringen over ${practice}.`,
  notFoundTitle: 'Deze pagina bestaat niet',
  notFoundBody: 'Controleer het adres, of begin op de startpagina.',
  illFormedTitle: 'Deze tekst kunnen we niet lezen',
  illFormedBody: (field: string) =>
    `In het veld "${field}" staan tekens die geen geldige tekst zijn (geen UTF-8). Er is niets opgeslagen. Ga terug, typ de tekst in dat veld opnieuw (niet geplakt uit een ander programma) en verstuur het formulier nog eens.`,
  fieldLabel: (field: string) =>
    ({
      email: 'E-mailadres',
      name: 'Uw naam',
      practice: 'Naam van uw praktijk of organisatie',
      agb: 'AGB-code',
      note: 'Notitie',
      date: 'Datum',
      due: 'Datum',
      title: 'Wat moet er gebeuren',
      reason: 'Reden',
      insurerOther: 'Andere verzekeraar',
      reminderDays: 'Herinneringsdagen',
    })[field] ?? field,
  badRequestTitle: 'Dit formulier kunnen we niet lezen',
  badRequestBody: 'Ga terug, laad de pagina opnieuw en vul het formulier nog eens in. Er is niets opgeslagen.',
  errorPageTitle: 'Er ging iets mis',
  errorPageBody: 'Probeer het later nog eens. Er is niets opgeslagen.',
  tooManyTitle: 'Even geduld',
  tooManyBody: 'Er zijn te veel aanvragen gedaan vanaf dit adres. Probeer het over een uur opnieuw.',
  csrfTitle: 'Het formulier is verlopen',
  csrfBody: 'Ga terug, laad de pagina opnieuw en probeer het nog eens. Er is niets opgeslagen.',
  home: 'Naar de startpagina',
  footer: 'Data uit het zorginkoopbeleid van de zorgverzekeraars. Controleer bij twijfel altijd het document zelf.',
};

/** Every page text: English must give each one (words.en.ts), no Dutch shows through. */
export type Words = typeof NL;
