<?php
/**
 * Compares PHPUnit JUnit reports of two runs (SQLite and MariaDB): both must have run the same
 * number of tests, all passing. Usage: php compare-junit.php A1.xml A2.xml -- B1.xml B2.xml
 *
 * @package Meum\WooCommerce\Tests
 */

$groups = array( array(), array() );
$side   = 0;
foreach ( array_slice( $argv, 1 ) as $arg ) {
	if ( '--' === $arg ) {
		$side = 1;
		continue;
	}
	$groups[ $side ][] = $arg;
}

/**
 * Totals of JUnit reports.
 *
 * @param string[] $files Report files.
 * @return array{tests: int, failures: int, errors: int, skipped: int}
 */
function meum_wc_junit_totals( array $files ): array {
	$totals = array( 'tests' => 0, 'failures' => 0, 'errors' => 0, 'skipped' => 0 );
	foreach ( $files as $file ) {
		$xml = simplexml_load_file( $file );
		if ( false === $xml ) {
			fwrite( STDERR, "cannot read $file\n" );
			exit( 1 );
		}
		foreach ( array_keys( $totals ) as $key ) {
			$totals[ $key ] += (int) $xml->testsuite[ $key ];
		}
	}
	return $totals;
}

$a = meum_wc_junit_totals( $groups[0] );
$b = meum_wc_junit_totals( $groups[1] );
$passed_a = $a['tests'] - $a['failures'] - $a['errors'] - $a['skipped'];
$passed_b = $b['tests'] - $b['failures'] - $b['errors'] - $b['skipped'];
printf( "PHPUnit: %d passed of %d on SQLite, %d passed of %d on MariaDB\n", $passed_a, $a['tests'], $passed_b, $b['tests'] );
if ( $passed_a !== $passed_b || $a['tests'] !== $b['tests'] || $passed_a !== $a['tests'] || $passed_a < 1 ) {
	fwrite( STDERR, "the two databases did not pass the same tests\n" );
	exit( 1 );
}
