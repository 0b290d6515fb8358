/** What a reporter may print for a finding's value. */
export function shownSecret(f, showSecrets) {
    return showSecrets && f.secret ? f.secret : f.preview;
}
