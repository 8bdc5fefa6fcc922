// The id the form gives each order being entered (its submission id: a submit repeated after a
// lost answer carries the same one, and Save answers with the order it saved the first time).
// A UUID of version 7 (RFC 9562): its first 48 bits are the time in milliseconds, so ids made
// later sort after earlier ones.
//
// Why not a random (version 4) id: the submission id is the key of a unique index in the outbox,
// the history and the risk review rows, and a random key lands on a random page of each, so
// every order dirtied pages of its own in each index, in the write-ahead log and again at each
// checkpoint; a time-ordered key lands on the last page, which the orders of a batch share. Ids
// of either version are accepted (older forms, tests). Order ids stay random: clerks read and
// search an order by the first 8 characters of its id, which a time-ordered id shares with every
// order of the same minute (see the README's "Fifth look").
import { v7 } from 'uuid';

export function newSubmissionId(): string {
  return v7();
}
