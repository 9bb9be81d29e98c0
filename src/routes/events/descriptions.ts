// The longer OpenAPI descriptions of these routes, one per operation, so the route definitions stay readable.

export const RECORD_EVENT_DESCRIPTION =
  "Records that a timeline item happened on `date` (e.g. the contact form was sent on 10 March). `item` must be an item id of the provider's current timeline; `date` must be a real date, not after today (Europe/Amsterdam), and not before the calendar's publication, the opening of the item's window or the recorded date of the step it counts from (400 names the allowed range). Relative deadlines that count from this item recompute. When an item has several live events, the latest date counts: to correct a date, undo the wrong event.";
