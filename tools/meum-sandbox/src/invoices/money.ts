/** Decimal money strings ("19.99") ↔ integer hundredths, without floating point. */

/** A plain decimal string with exactly two decimals, as Part A §A5 requires for `amount`. */
export const AMOUNT_PATTERN = '^[0-9]+\\.[0-9]{2}$';

const AMOUNT_RE = new RegExp( AMOUNT_PATTERN );

/**
 * Parses a plain two-decimal string into hundredths.
 * @param amount e.g. `"19.99"`
 * @return the cents (1999), or null when the text is not `digits.dd` or too large to be exact
 */
export function toCents( amount: string ): number | null {
	if ( ! AMOUNT_RE.test( amount ) ) {
		return null;
	}
	const cents = Number( amount.replace( '.', '' ) );
	return Number.isSafeInteger( cents ) ? cents : null;
}

/**
 * Formats hundredths as a plain decimal string.
 * @param cents an integer (negative allowed)
 * @return e.g. `"19.99"`, `"0.05"`, `"-1.00"`
 */
export function formatCents( cents: number ): string {
	const sign = cents < 0 ? '-' : '';
	const abs = Math.abs( cents );
	return `${ sign }${ Math.floor( abs / 100 ) }.${ String( abs % 100 ).padStart( 2, '0' ) }`;
}
