/** The leads screens use the shared duplicate list (src/web/ui/merge), the same one contacts and accounts show. */
export { candidatePath, DuplicateCandidates as DuplicateList } from '../../ui/merge/DuplicateCandidates.js';
