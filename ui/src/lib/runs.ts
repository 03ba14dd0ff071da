// The numbers of long work the shell can cancel (a run, a sizing, an
// import): one counter for the whole window, since the shell keeps one
// table of cancel tokens by number.
let next = 1;

/** A number no other run, sizing or import of this window has. */
export function nextRunNumber(): number {
  return next++;
}
