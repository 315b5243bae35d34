// Its own, empty: without it Next picks up the Studio's start-up from the directory above.
export function register() {}
