/**
 * WordPress dependencies
 */
import { speak } from '@wordpress/a11y';
import { Button, Flex, Notice } from '@wordpress/components';
import { useState } from '@wordpress/element';
import { __ } from '@wordpress/i18n';

/**
 * Props of `EncryptionNotice`.
 */
export interface EncryptionNoticeProps {
	/** The exact line to add to wp-config.php, or `null`. */
	line: string | null;
}

/**
 * The error shown while the site has no encryption key material outside the
 * database: what to add to wp-config.php, the line itself in a code block,
 * and a "Copy" button where the browser allows writing to the clipboard.
 * Connecting stays possible; the server refuses it with
 * `meum_no_key_material`.
 *
 * @param props      The props.
 * @param props.line The line to add.
 * @return The notice.
 */
export function EncryptionNotice( { line }: EncryptionNoticeProps ) {
	const [ copyResult, setCopyResult ] = useState< string | null >( null );
	const clipboard =
		typeof navigator === 'undefined' ? undefined : navigator.clipboard;

	const copy = async () => {
		if ( ! line || ! clipboard ) {
			return;
		}
		try {
			await clipboard.writeText( line );
			const message = __( 'Line copied.', 'meum-woocommerce' );
			setCopyResult( message );
			speak( message );
		} catch {
			const message = __(
				'Copying failed. Select the line and copy it.',
				'meum-woocommerce'
			);
			setCopyResult( message );
			speak( message, 'assertive' );
		}
	};

	return (
		<Notice status="error" isDismissible={ false } spokenMessage="">
			<p>
				{ __(
					"Meum credentials are stored encrypted, but this site has no encryption key outside the database. Add this line to wp-config.php, above the line “That's all, stop editing!”, then reload this page:",
					'meum-woocommerce'
				) }
			</p>
			{ line && (
				<pre className="meum-wc-code">
					<code>{ line }</code>
				</pre>
			) }
			{ line && clipboard && (
				<Flex justify="flex-start" gap={ 3 }>
					<Button
						variant="secondary"
						__next40pxDefaultSize
						onClick={ copy }
					>
						{ __( 'Copy', 'meum-woocommerce' ) }
					</Button>
					{ copyResult && <span>{ copyResult }</span> }
				</Flex>
			) }
		</Notice>
	);
}
