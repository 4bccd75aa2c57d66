<?php
/**
 * TEST-ONLY, run inside the test WordPress after a configuration's tests (bin/test-site.sh, stage
 * `clean`, through `bin/wp-local.sh eval`): no secret reached a log. It asks the Meum sandbox at
 * $MEUM_SANDBOX_URL for every credential it issued or received during the run (rotated ones and
 * connection keys included) and every raw webhook body it sent (`GET /__sandbox/secrets`), then
 * searches each of them in: the files under WooCommerce's log directory (wc-logs), debug.log, the
 * plugin's log table and Action Scheduler's log table. Prints what it searched; exits 1 on a find.
 *
 * @package Meum\WooCommerce\Tests
 */

// phpcs:disable WordPress.WP.AlternativeFunctions,WordPress.DB.DirectDatabaseQuery,WordPress.DB.PreparedSQL.InterpolatedNotPrepared,WordPress.Security.EscapeOutput -- a command-line check.

( static function () {
	global $wpdb;
	$sandbox = rtrim( (string) getenv( 'MEUM_SANDBOX_URL' ), '/' );
	$answer  = '' === $sandbox ? false : file_get_contents( $sandbox . '/__sandbox/secrets' );
	$ledger  = is_string( $answer ) ? json_decode( $answer, true ) : null;
	if ( ! is_array( $ledger ) || ! isset( $ledger['secrets'], $ledger['webhook_bodies'] ) ) {
		fwrite( STDERR, "secrets-in-logs: no ledger from the sandbox at '$sandbox'\n" );
		exit( 1 );
	}
	// Bodies short enough to occur by chance (fuzzed "{}", "1", whitespace) prove nothing.
	$bodies  = array_filter( $ledger['webhook_bodies'], static fn( $body ) => preg_match_all( '/[A-Za-z0-9]/', (string) $body ) >= 16 );
	$needles = array_merge( $ledger['secrets'], $bodies );

	$haystacks = array();
	$log_dirs  = array( defined( 'WC_LOG_DIR' ) ? WC_LOG_DIR : WP_CONTENT_DIR . '/uploads/wc-logs/' );
	foreach ( $log_dirs as $dir ) {
		foreach ( is_dir( $dir ) ? new RecursiveIteratorIterator( new RecursiveDirectoryIterator( $dir, FilesystemIterator::SKIP_DOTS ) ) : array() as $file ) {
			$haystacks[ 'wc-logs/' . $file->getFilename() ] = (string) file_get_contents( $file->getPathname() );
		}
	}
	$debug_log = WP_CONTENT_DIR . '/debug.log';
	if ( is_file( $debug_log ) ) {
		$haystacks['debug.log'] = (string) file_get_contents( $debug_log );
	}
	$tables = array(
		$wpdb->prefix . 'meum_wc_log'            => 'message',
		$wpdb->prefix . 'actionscheduler_logs'   => 'message',
		$wpdb->prefix . 'woocommerce_log'        => 'message',
	);
	foreach ( $tables as $table => $column ) {
		$suppress = $wpdb->suppress_errors( true );
		$rows     = $wpdb->get_col( "SELECT $column FROM $table" );
		$wpdb->suppress_errors( $suppress );
		if ( $wpdb->last_error ) {
			continue; // The table does not exist in this configuration (no WooCommerce).
		}
		$haystacks[ $table ] = implode( "\n", array_map( 'strval', $rows ) );
	}

	$found = array();
	foreach ( $haystacks as $name => $text ) {
		foreach ( $needles as $needle ) {
			if ( '' !== (string) $needle && false !== strpos( $text, (string) $needle ) ) {
				$found[] = sprintf( '%s holds a secret or webhook body starting "%s…"', $name, substr( (string) $needle, 0, 8 ) );
			}
		}
	}
	printf(
		"searched %d credentials and %d webhook bodies in %d logs (%s): %s\n",
		count( $ledger['secrets'] ),
		count( $bodies ),
		count( $haystacks ),
		implode( ', ', array_keys( $haystacks ) ),
		$found ? count( $found ) . ' found' : 'none found'
	);
	if ( $found ) {
		fwrite( STDERR, implode( "\n", $found ) . "\n" );
		exit( 1 );
	}
} )();
