<?php
/**
 * Checks the PHPUnit JUnit reports of the test matrix (one configuration per fresh site):
 * - every test passed, except the skips that tests/php/expected-skips.php declares for that
 *   configuration, and those exactly (an undeclared skip, or a declared one that ran, fails);
 * - the pairs that must run the same tests report identical test names: SQLite and MariaDB
 *   (both with HPOS), HPOS and posts storage (both on MariaDB).
 * Prints a line per configuration: tests, passed, skipped.
 *
 * Usage: php junit-matrix.php REPORT_DIR CONFIG...   (reports: REPORT_DIR/phpunit-CONFIG-*.xml)
 *
 * @package Meum\WooCommerce\Tests
 */

if ( $argc < 3 ) {
	fwrite( STDERR, "usage: php junit-matrix.php REPORT_DIR CONFIG...\n" );
	exit( 2 );
}
$report_dir = rtrim( $argv[1], '/' );
$configs    = array_slice( $argv, 2 );
$declared   = require dirname( __DIR__, 2 ) . '/tests/php/expected-skips.php';
$same_tests = array(
	array( 'hpos-sqlite', 'hpos-mariadb' ),
	array( 'posts-mariadb', 'hpos-mariadb' ),
);

/**
 * Every test case of a configuration's reports: "Class::name" => "passed" | "skipped" | "failed".
 *
 * @param string $report_dir Directory of the reports.
 * @param string $config     Configuration name.
 * @return array<string, string>
 */
function meum_wc_junit_cases( string $report_dir, string $config ): array {
	$files = glob( "$report_dir/phpunit-$config-*.xml" );
	if ( ! $files ) {
		fwrite( STDERR, "no JUnit report for configuration '$config' in $report_dir\n" );
		exit( 1 );
	}
	$cases = array();
	foreach ( $files as $file ) {
		$xml = simplexml_load_file( $file );
		if ( false === $xml ) {
			fwrite( STDERR, "cannot read $file\n" );
			exit( 1 );
		}
		foreach ( $xml->xpath( '//testcase' ) as $case ) {
			$outcome = 'passed';
			if ( isset( $case->failure ) || isset( $case->error ) || isset( $case->warning ) ) {
				$outcome = 'failed';
			} elseif ( isset( $case->skipped ) ) {
				$outcome = 'skipped';
			}
			$cases[ (string) $case['class'] . '::' . (string) $case['name'] ] = $outcome;
		}
	}
	ksort( $cases );
	return $cases;
}

/**
 * Whether a declaration ("Class", "Class::method" or "Class::method with data set …") covers a case.
 *
 * @param string $declaration The declared name.
 * @param string $case        "Class::name".
 * @return bool
 */
function meum_wc_junit_declared( string $declaration, string $case ): bool {
	return $declaration === $case || 0 === strpos( $case, $declaration . ( false === strpos( $declaration, '::' ) ? '::' : ' ' ) );
}

$problems = array();
$all      = array();
foreach ( $configs as $config ) {
	$cases          = meum_wc_junit_cases( $report_dir, $config );
	$all[ $config ] = $cases;
	$declarations   = array_keys( $declared[ $config ] ?? array() );
	$counts         = array_count_values( $cases ) + array(
		'passed'  => 0,
		'skipped' => 0,
		'failed'  => 0,
	);
	foreach ( $cases as $case => $outcome ) {
		$is_declared = false;
		foreach ( $declarations as $declaration ) {
			$is_declared = $is_declared || meum_wc_junit_declared( $declaration, $case );
		}
		if ( 'failed' === $outcome ) {
			$problems[] = "$config: $case failed";
		} elseif ( 'skipped' === $outcome && ! $is_declared ) {
			$problems[] = "$config: $case was skipped, but tests/php/expected-skips.php does not declare it";
		} elseif ( 'passed' === $outcome && $is_declared ) {
			$problems[] = "$config: $case ran, but tests/php/expected-skips.php declares it skipped";
		}
	}
	foreach ( $declarations as $declaration ) {
		$matched = array_filter( array_keys( $cases ), static fn( $case ) => meum_wc_junit_declared( $declaration, $case ) );
		if ( ! $matched ) {
			$problems[] = "$config: the declared skip $declaration names no test";
		}
	}
	printf( "PHPUnit %-15s %4d tests: %4d passed, %3d skipped (declared), %d failed\n", $config, count( $cases ), $counts['passed'], $counts['skipped'], $counts['failed'] );
}
foreach ( $same_tests as list( $a, $b ) ) {
	if ( isset( $all[ $a ], $all[ $b ] ) && array_keys( $all[ $a ] ) !== array_keys( $all[ $b ] ) ) {
		$only_a     = array_diff( array_keys( $all[ $a ] ), array_keys( $all[ $b ] ) );
		$only_b     = array_diff( array_keys( $all[ $b ] ), array_keys( $all[ $a ] ) );
		$problems[] = "$a and $b must report the same test names; only in $a: " . implode( ', ', array_slice( $only_a, 0, 5 ) )
			. "; only in $b: " . implode( ', ', array_slice( $only_b, 0, 5 ) );
	}
}
if ( $problems ) {
	fwrite( STDERR, implode( "\n", $problems ) . "\n" );
	exit( 1 );
}
