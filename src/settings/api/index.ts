/**
 * The page's data layer: defensive decoders and the requests.
 */
export * from './decode';
export * from './requests';
