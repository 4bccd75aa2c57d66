/** HTML error pages of the kind a proxy in front of a failing Meum answers with (`fail-next`). */
import type { FailureStatus } from '../core/state';

const REASONS: Readonly< Record< FailureStatus, string > > = Object.freeze( {
	500: 'Internal Server Error',
	502: 'Bad Gateway',
	503: 'Service Temporarily Unavailable',
} );

/**
 * Builds an nginx-style error page.
 * @param status 500, 502 or 503
 * @return the HTML document
 */
export function outagePage( status: FailureStatus ): string {
	const title = `${ status } ${ REASONS[ status ] }`;
	return `<!DOCTYPE html>
<html><head><title>${ title }</title></head>
<body><center><h1>${ title }</h1></center><hr><center>nginx</center></body></html>
`;
}
