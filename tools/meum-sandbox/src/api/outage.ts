/**
 * Answers of an armed `fail-next`: HTML error pages of the kind a proxy in front of a failing Meum
 * answers with, and Meum's own error bodies in every shape of meum-api.md Part A §A2.
 */
import { STATUS_CODES } from 'node:http';
import { flatError, nestedError } from '../core/errors';
import type { FailureSpec } from '../core/state';

const REASONS: Readonly< Record< number, string > > = Object.freeze( {
	500: 'Internal Server Error',
	502: 'Bad Gateway',
	503: 'Service Temporarily Unavailable',
} );

/**
 * Builds an nginx-style error page.
 * @param status an HTTP status (500, 502, 503 and any other)
 * @return the HTML document
 */
export function outagePage( status: number ): string {
	const title = `${ status } ${ REASONS[ status ] ?? STATUS_CODES[ status ] ?? 'Error' }`;
	return `<!DOCTYPE html>
<html><head><title>${ title }</title></head>
<body><center><h1>${ title }</h1></center><hr><center>nginx</center></body></html>
`;
}

/**
 * The body of an armed failure.
 * @param spec   what to answer
 * @param status the status it is answered with
 * @return content type and body text
 */
export function failureBody(
	spec: FailureSpec,
	status: number
): { contentType: string; body: string } {
	const message = spec.message ?? STATUS_CODES[ status ] ?? 'Error';
	switch ( spec.shape ) {
		case 'flat':
			return {
				contentType: 'application/json; charset=utf-8',
				body: JSON.stringify(
					flatError( message, spec.code, spec.details )
				),
			};
		case 'nested':
			return {
				contentType: 'application/json; charset=utf-8',
				body: JSON.stringify(
					nestedError(
						spec.type ?? 'api_error',
						spec.code ?? 'ERROR',
						message
					)
				),
			};
		case 'empty':
			return { contentType: 'application/json; charset=utf-8', body: '' };
		case 'text':
			return {
				contentType: 'text/plain; charset=utf-8',
				body: `upstream error: ${ message }`,
			};
		case 'html':
			return {
				contentType: 'text/html; charset=utf-8',
				body: outagePage( status ),
			};
	}
}
