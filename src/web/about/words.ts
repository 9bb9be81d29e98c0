import type { Catalogues, Language } from '../../domain/language.js';

/** Who runs the service, from OPERATOR_NAME and OPERATOR_CONTACT; undefined where the operator left it empty. */
export interface Operator {
  name: string | undefined;
  contact: string | undefined;
}

/** The privacy and accessibility statements: each a title and sections of plain paragraphs. */
export interface Statement {
  title: string;
  sections: { heading: string; paragraphs: string[] }[];
}

const NOT_FILLED: Catalogues<{ name: string; contact: string }> = {
  nl: {
    name: 'De beheerder van deze dienst heeft nog niet ingevuld wie de dienst aanbiedt.',
    contact: 'De beheerder heeft nog geen contactadres ingevuld.',
  },
  en: {
    name: 'The operator of this service has not yet filled in who runs it.',
    contact: 'The operator has not yet filled in a contact address.',
  },
};

function who(operator: Operator, language: Language): string[] {
  const missing = NOT_FILLED[language];
  const nl = language === 'nl';
  return [
    operator.name === undefined
      ? missing.name
      : nl
        ? `Deze dienst wordt aangeboden door ${operator.name}.`
        : `This service is run by ${operator.name}.`,
    operator.contact === undefined
      ? missing.contact
      : nl
        ? `Contact: ${operator.contact}`
        : `Contact: ${operator.contact}`,
  ];
}

export function privacyStatement(operator: Operator, language: Language): Statement {
  if (language === 'en')
    return {
      title: 'Privacy statement',
      sections: [
        { heading: 'Who is responsible', paragraphs: who(operator, language) },
        {
          heading: 'What we keep and why',
          paragraphs: [
            'When you sign up for reminders we keep your e-mail address, your name, the name of your practice, its AGB code if you give it, your situation (the care you give and your insurers) and the steps you record. We use them only to show your dates, to send your reminders and to keep your calendar feed up to date.',
            'We do not share them with anyone and use them for nothing else. Mail goes out through the operator’s mail server.',
          ],
        },
        {
          heading: 'How long',
          paragraphs: [
            'A sign-up you do not confirm is deleted after 7 days. Everything else stays until you delete it: on your own page, “Delete everything” removes your situation, your contact details, what you recorded and any mail waiting to be sent. One click on “Stop these reminders” in any mail stops all mail.',
          ],
        },
        {
          heading: 'Your rights',
          paragraphs: [
            'You may see, correct and delete your data: your own page shows and changes all of it. For anything else, write to the contact above. You may also complain to the Autoriteit Persoonsgegevens (autoriteitpersoonsgegevens.nl).',
          ],
        },
      ],
    };
  return {
    title: 'Privacyverklaring',
    sections: [
      { heading: 'Wie is verantwoordelijk', paragraphs: who(operator, language) },
      {
        heading: 'Wat we bewaren en waarom',
        paragraphs: [
          'Als u zich aanmeldt voor herinneringen bewaren we uw e-mailadres, uw naam, de naam van uw praktijk, de AGB-code als u die invult, uw situatie (welke zorg u geeft en bij welke zorgverzekeraars) en de stappen die u vastlegt. We gebruiken die alleen om uw data te tonen, uw herinneringen te sturen en uw agenda-adres bij te werken.',
          'We delen ze met niemand en gebruiken ze nergens anders voor. E-mail gaat via de mailserver van de beheerder.',
        ],
      },
      {
        heading: 'Hoe lang',
        paragraphs: [
          'Een aanmelding die u niet bevestigt, verwijderen we na 7 dagen. De rest blijft tot u het verwijdert: op uw eigen pagina haalt “Alles verwijderen” uw situatie, uw contactgegevens, wat u vastlegde en de e-mails die nog klaarstaan weg. Eén klik op “Geen herinneringen meer ontvangen” in een e-mail stopt alle e-mail.',
        ],
      },
      {
        heading: 'Uw rechten',
        paragraphs: [
          'U mag uw gegevens inzien, verbeteren en laten verwijderen: uw eigen pagina toont en wijzigt ze allemaal. Voor iets anders schrijft u naar het contactadres hierboven. U kunt ook een klacht indienen bij de Autoriteit Persoonsgegevens (autoriteitpersoonsgegevens.nl).',
        ],
      },
    ],
  };
}

export function accessibilityStatement(operator: Operator, language: Language): Statement {
  if (language === 'en')
    return {
      title: 'Accessibility statement',
      sections: [
        {
          heading: 'What we aim for',
          paragraphs: [
            'These pages aim to meet WCAG 2.1 level AA. Every page works without JavaScript and with the keyboard alone, at widths from 320 pixels, in Dutch and English.',
          ],
        },
        {
          heading: 'How it is checked',
          paragraphs: [
            'With every change the pages are opened in a real browser (Chromium) and checked with axe-core: no serious or critical findings are allowed. The whole path from home page to deleting an account is walked with the keyboard only, and every page is checked at 320 pixels for content that scrolls sideways. This is an automated check, not a full audit by experts.',
          ],
        },
        {
          heading: 'Something does not work?',
          paragraphs: [
            ...who(operator, language),
            'Tell us which page and what went wrong; we answer within 5 working days.',
          ],
        },
      ],
    };
  return {
    title: 'Toegankelijkheidsverklaring',
    sections: [
      {
        heading: 'Wat we nastreven',
        paragraphs: [
          'Deze pagina’s willen voldoen aan WCAG 2.1 niveau AA. Elke pagina werkt zonder JavaScript en met alleen het toetsenbord, vanaf 320 pixels breed, in het Nederlands en het Engels.',
        ],
      },
      {
        heading: 'Hoe het getoetst wordt',
        paragraphs: [
          'Bij elke wijziging worden de pagina’s in een echte browser (Chromium) geopend en met axe-core getoetst: ernstige en kritieke bevindingen zijn niet toegestaan. De hele weg van startpagina tot het verwijderen van een account wordt met alleen het toetsenbord gelopen, en elke pagina wordt op 320 pixels gecontroleerd op inhoud die zijwaarts scrolt. Dit is een automatische toets, geen volledig onderzoek door deskundigen.',
        ],
      },
      {
        heading: 'Werkt er iets niet?',
        paragraphs: [
          ...who(operator, language),
          'Laat weten op welke pagina en wat er misging; we antwoorden binnen 5 werkdagen.',
        ],
      },
    ],
  };
}

/** The footer's and mails' link words. */
export const ABOUT_LINKS: Catalogues<{ privacy: string; accessibility: string }> = {
  nl: { privacy: 'Privacyverklaring', accessibility: 'Toegankelijkheid' },
  en: { privacy: 'Privacy statement', accessibility: 'Accessibility' },
};
