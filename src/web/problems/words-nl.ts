import type { ProblemType } from '../../problems.js';
import type { ProblemPage } from './page.js';

/** Elk probleemtype als pagina in het Nederlands: wat het betekent, wat u doet. */
export const PROBLEM_PAGES_NL: Record<ProblemType, ProblemPage> = {
  'validation-failed': {
    title: 'Ongeldige invoer',
    means:
      'Een veld van het verzoek ontbreekt, heeft het verkeerde type of valt buiten wat het toelaat. `errors` noemt elk veld, waar het staat (body, query, pad, headers) en waarom.',
    todo: 'Verbeter de velden die `errors` noemt en stuur het verzoek opnieuw. Er is niets veranderd.',
  },
  'unknown-query-parameter': {
    title: 'Onbekende queryparameter',
    means:
      'Het verzoek bevat een queryparameter die deze operatie niet kent. Die wordt geweigerd en niet genegeerd: zo lijkt een filter dat niet bestaat nooit te filteren.',
    todo: 'Haal de parameter weg of verbeter de naam; de melding noemt de parameters die de operatie wel kent (ook in het OpenAPI-document).',
  },
  'unknown-step': {
    title: 'Geen stap van deze tijdlijn',
    means:
      'Het genoemde `item` staat niet in de tijdlijn van deze zorgaanbieder: een tikfout, een item van een ander jaar of een andere verzekeraar, of van een contract dat zij niet heeft.',
    todo: 'Lees de tijdlijn van de zorgaanbieder (GET /api/v1/providers/{id}/timeline) en gebruik een `id` daaruit.',
  },
  'event-date-out-of-range': {
    title: 'Datum buiten wat de stap toelaat',
    means:
      'De datum van de gebeurtenis ligt na vandaag (Europe/Amsterdam) of vóór het moment waarop de stap kon gebeuren: voor de termijn van de verzekeraar openging, voor de publicatie, of voor de stap waar deze op volgt.',
    todo: 'Stuur de datum waarop de stap echt gedaan is; de melding noemt de toegestane periode.',
  },
  'malformed-body': {
    title: 'De body is niet te lezen',
    means:
      'De body is geen JSON, is leeg terwijl JSON is aangekondigd, is geen geldige UTF-8-tekst, bevat een losse UTF-16-surrogaat, of klopt niet met de Content-Length.',
    todo: 'Stuur geldige JSON in UTF-8 met `Content-Type: application/json`.',
  },
  'malformed-request': {
    title: 'Het verzoek is niet te lezen',
    means: 'De URL (bijvoorbeeld de procent-codering) of het HTTP-bericht zelf is niet te lezen.',
    todo: 'Controleer hoe de client de URL en het verzoek opbouwt; codeer waarden in pad en query met de URL-functies van uw programmeertaal.',
  },
  'ambiguous-authorization': {
    title: 'Meer dan één Authorization-header',
    means:
      'Het verzoek bevat meerdere Authorization-headers. Welke sleutel bedoeld is, is niet zeker, dus wordt er geen gebruikt.',
    todo: 'Stuur precies één header `Authorization: Bearer <sleutel>`.',
  },
  unauthorized: {
    title: 'Geen geldige API-sleutel',
    means:
      'Het verzoek heeft geen API-sleutel, een sleutel die onbekend of ingetrokken is, of een Authorization-header die niet `Bearer <sleutel>` is.',
    todo: 'Stuur `Authorization: Bearer <sleutel>` met een geldige sleutel. Een kwijtgeraakte sleutel is niet opnieuw te tonen: vraag een beheerder om een nieuwe.',
  },
  forbidden: {
    title: 'Niet toegestaan voor deze sleutel',
    means: 'De API-sleutel is geldig, maar mag dit niet: deze operatie vraagt een beheerderssleutel.',
    todo: 'Gebruik een beheerderssleutel, of vraag een beheerder dit te doen.',
  },
  'not-found': {
    title: 'Niet gevonden',
    means:
      'Op dit adres staat niets, of het hoort bij een andere API-sleutel (elke sleutel ziet alleen de eigen zorgaanbieders).',
    todo: 'Controleer het id en de sleutel. De lijsten (GET /api/v1/providers) tonen wat deze sleutel kan zien.',
  },
  'idempotency-key-target-gone': {
    title: 'Wat deze Idempotency-Key maakte, bestaat niet meer',
    means:
      'Een verzoek met deze Idempotency-Key is eerder beantwoord, maar wat het maakte is sindsdien verwijderd. Het eerste antwoord kan dus niet opnieuw gegeven worden.',
    todo: 'Wilt u het opnieuw maken, stuur het verzoek dan met een nieuwe Idempotency-Key.',
  },
  'method-not-allowed': {
    title: 'Methode niet toegestaan',
    means: 'Dit adres neemt deze HTTP-methode niet aan.',
    todo: 'Het OpenAPI-document (/openapi.json) noemt de methoden van elk pad.',
  },
  'not-acceptable': {
    title: 'Niet aanvaardbaar',
    means: 'De dienst kan niet antwoorden in een type dat de Accept-header toestaat.',
    todo: 'Accepteer `application/json` (en `application/problem+json` voor fouten).',
  },
  'request-timeout': {
    title: 'Het verzoek kwam te langzaam binnen',
    means: 'De headers of de body kwamen niet binnen de tijd binnen die de dienst wacht; de verbinding is gesloten.',
    todo: 'Stuur het hele verzoek in één keer en probeer het opnieuw; controleer het netwerk tussen client en dienst.',
  },
  'duplicate-agb': {
    title: 'Er is al een zorgaanbieder met deze AGB-code',
    means:
      'Deze API-sleutel heeft al een zorgaanbieder met deze AGB-code; meestal is het een herhaalde POST. `Location` en de melding geven het adres.',
    todo: 'Gebruik de bestaande zorgaanbieder (GET op de Location) of wijzig die met PATCH. Stuur bij het aanmaken een Idempotency-Key mee, dan geeft een herhaling het eerste antwoord.',
  },
  'last-admin-key': {
    title: 'De laatste beheerderssleutel kan niet worden ingetrokken',
    means:
      'Zonder deze sleutel is er geen actieve beheerderssleutel meer, en kan niemand nog sleutels maken of intrekken.',
    todo: 'Maak eerst een andere beheerderssleutel (POST /api/v1/api-keys met `admin: true`) en trek deze daarmee in.',
  },
  'webhook-disabled': {
    title: 'Het webhook-adres staat uit',
    means:
      'Het adres is uitgezet (door u, of nadat aflevering zo’n drie dagen mislukte); een testping wordt dan niet gestuurd.',
    todo: 'Zet het weer aan met PATCH /api/v1/webhooks/{id} en `"enabled": true`, en ping opnieuw.',
  },
  conflict: {
    title: 'Conflict',
    means: 'Het verzoek botst met wat is opgeslagen.',
    todo: 'Lees de gegevens opnieuw en beslis dan; de melding zegt waarmee het botst.',
  },
  'precondition-failed': {
    title: 'Gewijzigd sinds het gelezen is',
    means:
      'De `If-Match` van het verzoek klopt niet meer: iemand wijzigde de gegevens nadat deze client ze las. Er is niets veranderd.',
    todo: 'Lees opnieuw (het antwoord bevat de huidige ETag), voeg de wijziging samen en stuur die met de nieuwe ETag.',
  },
  'payload-too-large': {
    title: 'De body is te groot',
    means: 'De body is groter dan de dienst aanneemt (100 KB), of een lijst heeft meer items dan het maximum.',
    todo: 'Stuur minder per verzoek; een zorgaanbieder met veel contracten past ruim.',
  },
  'uri-too-long': {
    title: 'URI te lang',
    means: 'Een deel van het pad (een id, een token) is langer dan elk id dat de dienst uitgeeft.',
    todo: 'Controleer of het pad een id bevat dat de dienst gaf.',
  },
  'unsupported-media-type': {
    title: 'Mediatype niet ondersteund',
    means: 'De body heeft een type dat deze operatie niet leest.',
    todo: 'Stuur `Content-Type: application/json` (PATCH leest ook `application/merge-patch+json`).',
  },
  'idempotency-key-reused': {
    title: 'Idempotency-Key gebruikt bij een ander verzoek',
    means: 'Deze Idempotency-Key kwam de afgelopen 24 uur mee met een ander verzoek (methode, pad of body).',
    todo: 'Een nieuw verzoek vraagt een nieuwe sleutel; een herhaling stuurt hetzelfde verzoek als de eerste keer.',
  },
  'rate-limited': {
    title: 'Te veel verzoeken',
    means:
      'Deze API-sleutel (of, zonder sleutel, dit adres) heeft de verzoeken voor deze minuut opgebruikt. De `RateLimit`-headers tonen het budget; `Retry-After` zegt wanneer er weer ruimte is.',
    todo: 'Wacht het aantal seconden uit `Retry-After` en ga dan verder; spreid verzoeken over de minuut en gebruik voorwaardelijke GETs.',
  },
  'headers-too-large': {
    title: 'Headers te groot',
    means: 'De headers van het verzoek (of de URL) zijn groter dan de dienst leest (16 KB).',
    todo: 'Stuur kleinere headers: minder of kortere cookies, een kortere URL.',
  },
  'internal-error': {
    title: 'Er ging bij ons iets mis',
    means: 'Een onverwachte fout. Het antwoord zegt niets over wat er binnen misging; het logboek van de dienst wel.',
    todo: 'Probeer het later opnieuw. Blijft het gebeuren, noem dan de `requestId` uit het antwoord als u om hulp vraagt.',
  },
  overloaded: {
    title: 'Overbelast',
    means:
      'De dienst is te druk om dit verzoek nu aan te nemen; hij antwoordt meteen in plaats van het te laten wachten. Er is niets gedaan.',
    todo: 'Wacht het aantal seconden uit `Retry-After` (één) en probeer het opnieuw; wacht langer als het terugkomt.',
  },
  'storage-unavailable': {
    title: 'De database is niet beschikbaar',
    means:
      'De database kan nu niet opslaan of lezen (schijf vol, alleen-lezen of bezet). Niets van dit verzoek is opgeslagen.',
    todo: 'Probeer het opnieuw na het aantal seconden uit `Retry-After`; blijft het, dan is een beheerder nodig.',
  },
  'not-ready': {
    title: 'Niet gereed',
    means: 'De dienst start, stopt, of de database antwoordt niet.',
    todo: 'Probeer het zo opnieuw; /ready antwoordt 200 zodra de dienst verzoeken aanneemt.',
  },
};
