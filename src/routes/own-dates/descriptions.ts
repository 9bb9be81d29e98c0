// The longer OpenAPI descriptions of these routes, one per operation, so the route definitions stay readable.

export const CREATE_OWN_ITEM_DESCRIPTION =
  'Records a dated item of her own: a date an insurer told her outside any encoded document (an e-mail from VGZ), or her own preparation date (`insurer: null`). `insurer` is the id of an insurer with a calendar or a lower-case slug; `title` and `note` (where the date comes from) are one line each; `due` is a real date; `from` (the window opens), `time` (`HH:MM`, Europe/Amsterdam) and `done` (not after today) are optional. It is in her timeline as `type: own` with id `own/<id>` (its source the note, `recorded` who and when), in her feed with a stable UID, and in reminders and digests like any deadline of hers. Every change is kept in its history.';

export const UPDATE_OWN_ITEM_DESCRIPTION =
  'Changes an own item: the fields given replace the stored ones (`null` clears `from`, `time`, `done` or `insurer`); the whole item is checked as on creation, and nothing changes when any field is refused. `revision` goes one up; the history keeps the old and new values with who changed them and when. Record that she did it with `done`.';

export const CREATE_CORRECTION_DESCRIPTION =
  'Corrects one computed date with her reason ("CZ gave us until 8 November, letter of 2 October"). `item` must be a dated calendar item of her timeline today; `due` a real date other than the computed one. The timeline item then has `due` the corrected date and a `correction` with the original and the reason, its derivation says both; its feed event moves (SEQUENCE up) and reminders follow the corrected date. A later calendar version that moves the computed date does not overwrite the correction: the item keeps her date, `correction.calendarNow` gives the calendar\'s new date, and the derivation asks her to check. A second correction of the same item changes the first (same id; the history says from what).';
