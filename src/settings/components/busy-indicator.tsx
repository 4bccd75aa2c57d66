/**
 * WordPress dependencies
 */
import { Spinner } from '@wordpress/components';

/**
 * Props of `BusyIndicator`.
 */
export interface BusyIndicatorProps {
	/** What is running, e.g. "Connecting to Meum…". */
	label: string;
}

/**
 * A spinner with the text of the request that is running. The text is
 * announced by `useConnection`, so it is shown, not announced, here.
 *
 * @param props       The props.
 * @param props.label What is running.
 * @return The indicator.
 */
export function BusyIndicator( { label }: BusyIndicatorProps ) {
	return (
		<span className="meum-wc-busy">
			<Spinner />
			{ label }
		</span>
	);
}
