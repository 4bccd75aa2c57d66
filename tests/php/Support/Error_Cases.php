<?php
/**
 * Test cases shared by the error-mapping tests of both tiers.
 *
 * @package Meum\WooCommerce\Tests
 */

namespace Meum\WooCommerce\Tests\Support;

/**
 * Meum's error answers and transport failures with the error each must give: used by the
 * decision's test without WordPress (Unit/Api/Error_Shape_Test) and by the WP_Error's test inside
 * WordPress (Api/Error_Mapper_Test), so both tiers check the same table.
 */
class Error_Cases {

	/**
	 * Cases: upstream status, body, expected code, route status, Meum code, details.
	 *
	 * @return array<string, array{0: int, 1: string, 2: string, 3: int, 4: string|null, 5: array<string, string>}>
	 */
	public static function shapes(): array {
		return array(
			'flat with code and details (422)' => array( 422, '{"error":"Validation failed","code":"VALIDATION_ERROR","details":{"site_url":"must be https"}}', 'meum_api_VALIDATION_ERROR', 422, 'VALIDATION_ERROR', array( 'site_url' => 'must be https' ) ),
			'flat 409 site already connected'  => array( 409, '{"error":"Already connected","code":"SITE_ALREADY_CONNECTED"}', 'meum_api_SITE_ALREADY_CONNECTED', 409, 'SITE_ALREADY_CONNECTED', array() ),
			'flat 401 with code becomes 400'   => array( 401, '{"error":"Invalid API key","code":"INVALID_API_KEY"}', 'meum_api_INVALID_API_KEY', 400, 'INVALID_API_KEY', array() ),
			'flat 401 without code'            => array( 401, '{"error":"Unauthorized"}', 'meum_unauthorized', 400, null, array() ),
			'flat 403 without code'            => array( 403, '{"error":"Forbidden"}', 'meum_forbidden', 400, null, array() ),
			'nested 403 scope error'           => array( 403, '{"error":{"type":"permission_error","code":"INSUFFICIENT_SCOPE","message":"Missing scope"}}', 'meum_api_INSUFFICIENT_SCOPE', 400, 'INSUFFICIENT_SCOPE', array() ),
			'flat 400 without code'            => array( 400, '{"error":"Bad body"}', 'meum_bad_request', 400, null, array() ),
			'flat 404'                         => array( 404, '{"error":"Not found"}', 'meum_bad_request', 400, null, array() ),
			'flat 409 without code'            => array( 409, '{"error":"Conflict"}', 'meum_conflict', 409, null, array() ),
			'flat 422 without code'            => array( 422, '{"error":"Invalid"}', 'meum_validation_failed', 422, null, array() ),
			'flat 429'                         => array( 429, '{"error":"Too many requests","code":"RATE_LIMITED"}', 'meum_api_RATE_LIMITED', 429, 'RATE_LIMITED', array() ),
			'429 without code'                 => array( 429, '{"error":"Slow down"}', 'meum_rate_limited', 429, null, array() ),
			'500 JSON'                         => array( 500, '{"error":"Internal error"}', 'meum_server_error', 502, null, array() ),
			'503 JSON with code'               => array( 503, '{"error":"Maintenance","code":"MAINTENANCE"}', 'meum_api_MAINTENANCE', 502, 'MAINTENANCE', array() ),
			'500 HTML'                         => array( 500, '<html><body>Internal Server Error</body></html>', 'meum_bad_response', 502, null, array() ),
			'401 empty body'                   => array( 401, '', 'meum_bad_response', 502, null, array() ),
			'invalid JSON'                     => array( 400, '{"error":', 'meum_bad_response', 502, null, array() ),
			'JSON list'                        => array( 400, '["error"]', 'meum_bad_response', 502, null, array() ),
			'JSON object of another shape'     => array( 409, '{"message":"Conflict here"}', 'meum_conflict', 409, null, array() ),
			'error of an unexpected type'      => array( 400, '{"error":42,"code":["x"]}', 'meum_bad_request', 400, null, array() ),
		);
	}

	/**
	 * Transport failures: the transport's message, expected code.
	 *
	 * @return array<string, array{0: string, 1: string}>
	 */
	public static function transport_failures(): array {
		return array(
			'timeout'            => array( 'cURL error 28: Operation timed out after 2001 milliseconds with 0 bytes received', 'meum_timeout' ),
			'dns'                => array( 'cURL error 6: Could not resolve host: api.meum.io', 'meum_unreachable' ),
			'refused'            => array( 'cURL error 7: Failed to connect to 127.0.0.1 port 1: Connection refused', 'meum_unreachable' ),
			'tls handshake'      => array( 'cURL error 35: OpenSSL/3.0.17: error:0A00010B:SSL routines::wrong version number', 'meum_tls_error' ),
			'certificate'        => array( 'cURL error 60: SSL certificate problem: self-signed certificate', 'meum_tls_error' ),
			'blocked by WP_HTTP' => array( 'User has blocked requests through HTTP.', 'meum_unreachable' ),
		);
	}
}
