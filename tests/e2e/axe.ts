/**
 * axe-core helpers shared by the accessibility specs: the project's own axe-core, and a readable
 * description of violations for failure messages.
 */
/**
 * External dependencies
 */
import type { Result } from 'axe-core';
import fs from 'node:fs';

/** The project's own axe-core (a devDependency), rather than the copy bundled with the runner. */
export const axeSource = fs.readFileSync(
	require.resolve( 'axe-core/axe.min.js' ),
	'utf8'
);

/**
 * Describes axe violations for the failure message: rule, impact, help and the failing nodes.
 *
 * @param violations The violations.
 * @return One paragraph per violation.
 */
export function describeViolations( violations: Result[] ): string {
	return violations
		.map( ( violation ) =>
			[
				`${ violation.impact }: ${ violation.id }: ${ violation.help } (${ violation.helpUrl })`,
				...violation.nodes.map(
					( node ) =>
						`  ${ node.target.join( ' ' ) }\n    ${ node.failureSummary?.replace(
							/\n/g,
							'\n    '
						) }`
				),
			].join( '\n' )
		)
		.join( '\n\n' );
}
