<?php
/**
 * One Meum invoice, as Meum answered it.
 *
 * @package Meum\WooCommerce
 */

declare( strict_types=1 );

namespace Meum\WooCommerce\Payments;

use WP_Error;

defined( 'ABSPATH' ) || exit;

/**
 * Immutable value object of Meum's invoice answer (Meum API §A5 "Creating an invoice" answer and
 * "Reading an invoice"). Built only by {@see from_answer()}, which refuses an answer that lacks the
 * fields every decision needs.
 */
final class Invoice {

	/** The statuses in which an invoice can still be paid (§A5 reuse rule). */
	public const OPEN_STATUSES = array( 'pending', 'quoted', 'awaiting_payment' );

	/** The read-only money and transaction fields kept from the answer. */
	public const FIELDS = array(
		'expected_amount',
		'received_amount',
		'difference_amount',
		'paid_amount',
		'transaction_hash',
		'paid_at',
		'settlement_asset',
		'asset',
		'network',
		'created_at',
		'updated_at',
	);

	/** An `expires_at` in this year or later means "never expires" (§A5). */
	private const NEVER_YEAR = 2099;

	/**
	 * Invoice id.
	 *
	 * @var string
	 */
	private string $id;

	/**
	 * Status as Meum said it (lower case).
	 *
	 * @var string
	 */
	private string $status;

	/**
	 * Hosted checkout URL ('' when absent).
	 *
	 * @var string
	 */
	private string $checkout_url;

	/**
	 * Amount as the decimal string Meum answered.
	 *
	 * @var string
	 */
	private string $amount;

	/**
	 * Upper-case currency.
	 *
	 * @var string
	 */
	private string $currency;

	/**
	 * The `external_order_id` Meum holds for it.
	 *
	 * @var string
	 */
	private string $external_order_id;

	/**
	 * Expiry as Unix time, null for none.
	 *
	 * @var int|null
	 */
	private ?int $expires_at;

	/**
	 * Optional read fields (see FIELDS), as strings.
	 *
	 * @var array<string, string>
	 */
	private array $fields;

	/**
	 * Use {@see from_answer()}.
	 *
	 * @param array<string, mixed> $values Validated values.
	 */
	private function __construct( array $values ) {
		$this->id                = $values['id'];
		$this->status            = $values['status'];
		$this->checkout_url      = $values['checkout_url'];
		$this->amount            = $values['amount'];
		$this->currency          = $values['currency'];
		$this->external_order_id = $values['external_order_id'];
		$this->expires_at        = $values['expires_at'];
		$this->fields            = $values['fields'];
	}

	/**
	 * Builds the invoice from a decoded Meum answer.
	 *
	 * @param array<string, mixed> $body Decoded JSON object of `POST /v1/invoices` or
	 *                                   `GET /v1/invoices/{id}` (§A5): `id` (fallback `invoiceId`),
	 *                                   `status`, `checkout_url` (fallback `payment_url`), `amount`,
	 *                                   `currency`, `external_order_id`, `expires_at`, and the read
	 *                                   fields of FIELDS. Numbers are accepted for the money fields.
	 * @return Invoice|WP_Error The invoice, or `meum_bad_response` (status 502) when `id`, `status`,
	 *                          `amount`, `currency` or `external_order_id` is missing or not scalar.
	 */
	public static function from_answer( array $body ) {
		$values = array(
			'id'                => self::text( $body['id'] ?? $body['invoiceId'] ?? null ),
			'status'            => strtolower( (string) self::text( $body['status'] ?? null ) ),
			'checkout_url'      => (string) self::text( $body['checkout_url'] ?? $body['payment_url'] ?? null ),
			'amount'            => self::text( $body['amount'] ?? null ),
			'currency'          => strtoupper( (string) self::text( $body['currency'] ?? null ) ),
			'external_order_id' => self::text( $body['external_order_id'] ?? null ),
			'expires_at'        => self::expiry( $body['expires_at'] ?? null ),
			'fields'            => array(),
		);
		foreach ( array( 'id', 'status', 'amount', 'currency', 'external_order_id' ) as $required ) {
			if ( null === $values[ $required ] || '' === $values[ $required ] ) {
				return new WP_Error(
					'meum_bad_response',
					/* translators: %s: name of a field of Meum's answer. */
					sprintf( __( 'Meum\'s invoice answer lacks the field "%s".', 'meum-woocommerce' ), $required ),
					array( 'status' => 502 )
				);
			}
		}
		foreach ( self::FIELDS as $field ) {
			$value = self::text( $body[ $field ] ?? null );
			if ( null !== $value && '' !== $value ) {
				$values['fields'][ $field ] = $value;
			}
		}
		return new self( $values );
	}

	/**
	 * The invoice id.
	 *
	 * @return string Opaque id (`inv_…` or a UUID).
	 */
	public function id(): string {
		return $this->id;
	}

	/**
	 * The status.
	 *
	 * @return string Lower-case Meum status (Part B §4.1), e.g. "pending", "paid".
	 */
	public function status(): string {
		return $this->status;
	}

	/**
	 * The hosted checkout URL.
	 *
	 * @return string URL, or '' when Meum sent none.
	 */
	public function checkout_url(): string {
		return $this->checkout_url;
	}

	/**
	 * The amount.
	 *
	 * @return string The decimal string Meum answered (a number is turned into its text).
	 */
	public function amount(): string {
		return $this->amount;
	}

	/**
	 * The currency.
	 *
	 * @return string Upper-case ISO 4217 code.
	 */
	public function currency(): string {
		return $this->currency;
	}

	/**
	 * The external order id.
	 *
	 * @return string E.g. "1234" or "1234-2".
	 */
	public function external_order_id(): string {
		return $this->external_order_id;
	}

	/**
	 * The expiry.
	 *
	 * @return int|null Unix time; null when absent, unreadable, or in 2099 or later (never expires).
	 */
	public function expires_at(): ?int {
		return $this->expires_at;
	}

	/**
	 * A read field.
	 *
	 * @param string $name One of FIELDS (e.g. "received_amount", "transaction_hash").
	 * @return string|null Its text, or null when Meum did not send it. `settlement_asset` falls back
	 *                     to "asset" / "network" ("USDC on base") when only those were sent.
	 */
	public function field( string $name ): ?string {
		if ( isset( $this->fields[ $name ] ) ) {
			return $this->fields[ $name ];
		}
		if ( 'settlement_asset' === $name && ( isset( $this->fields['asset'] ) || isset( $this->fields['network'] ) ) ) {
			return trim( ( $this->fields['asset'] ?? '' ) . ( isset( $this->fields['network'] ) ? ' (' . $this->fields['network'] . ')' : '' ) );
		}
		return null;
	}

	/**
	 * Whether the invoice can still be paid.
	 *
	 * @return bool True for `pending`, `quoted`, `awaiting_payment`.
	 */
	public function is_open(): bool {
		return in_array( $this->status, self::OPEN_STATUSES, true );
	}

	/**
	 * Whether the invoice is final.
	 *
	 * @return bool True for every status that is not open.
	 */
	public function is_final(): bool {
		return ! $this->is_open();
	}

	/**
	 * What was paid, in hundredths (§A5 Outcomes: `received_amount`, else `paid_amount`, else for
	 * `invoice.paid` only the invoice's `amount`).
	 *
	 * @param bool $amount_fallback Whether `amount` counts when neither paid field is present.
	 * @return int|null Cents, or null when no usable field is present.
	 */
	public function paid_cents( bool $amount_fallback ): ?int {
		$candidates = array( $this->field( 'received_amount' ), $this->field( 'paid_amount' ) );
		if ( $amount_fallback ) {
			$candidates[] = $this->amount;
		}
		foreach ( $candidates as $candidate ) {
			if ( null === $candidate ) {
				continue;
			}
			try {
				return Money::to_cents( $candidate );
			} catch ( \InvalidArgumentException $e ) {
				continue;
			}
		}
		return null;
	}

	/**
	 * A scalar answer field as text.
	 *
	 * @param mixed $value Field value.
	 * @return string|null Trimmed text (a float as its two-decimal amount); null for null, arrays,
	 *                     objects, booleans and non-finite numbers.
	 */
	private static function text( $value ): ?string {
		if ( is_string( $value ) ) {
			return trim( $value );
		}
		if ( is_int( $value ) ) {
			return (string) $value;
		}
		if ( is_float( $value ) && is_finite( $value ) && abs( $value ) < 1e15 ) {
			return Money::format( Money::to_cents( $value ) ); // A JSON number: money fields are in hundredths.
		}
		return null;
	}

	/**
	 * Reads `expires_at`.
	 *
	 * @param mixed $value ISO 8601 text or Unix seconds.
	 * @return int|null Unix time; null when absent, unreadable, or in 2099 or later.
	 */
	private static function expiry( $value ): ?int {
		if ( is_int( $value ) ) {
			$time = $value;
		} elseif ( is_string( $value ) && '' !== trim( $value ) ) {
			$time = strtotime( trim( $value ) );
			if ( false === $time ) {
				return null;
			}
		} else {
			return null;
		}
		return (int) gmdate( 'Y', $time ) >= self::NEVER_YEAR ? null : $time;
	}
}
