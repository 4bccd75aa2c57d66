<?php
/**
 * DEV-ONLY (run by bin/check-php.sh, never loaded by WordPress): the plugin-review checks a
 * WordPress.org reviewer runs by hand, automated on PHP tokens. Each finding prints as
 * `file:line: message`; the exit status is 1 when there is any.
 *
 * Usage: php tests/support/plugin-review.php [PLUGIN_ROOT]   (default: the repository root)
 *
 * What it checks in the shipped PHP (the main file, uninstall.php, includes/):
 * 1. the direct-access guard is the first statement: `defined( 'ABSPATH' ) || exit;`, and in
 *    uninstall.php `defined( 'WP_UNINSTALL_PLUGIN' ) || exit;`;
 * 2. no debugging output or dynamic code: error_log(), var_dump(), print_r(), eval;
 * 3. every register_rest_route() endpoint has a `permission_callback`;
 * 4. no remote call outside the two classes that talk to the network on request
 *    (includes/Api/Client.php, includes/Webhooks/Self_Test.php), so none can run at plugin load;
 * 5. stored and scheduled names are prefixed `meum_wc_`: options, site options, transients, user
 *    meta, cron and Action Scheduler hooks (literal names and class constants);
 * 6. every admin-post / AJAX handler checks a nonce and a capability;
 * 7. every register_setting() has a `sanitize_callback`.
 * Function, class, constant, global-variable and invoked-hook prefixes, late escaping, nonce use
 * around request data and input sanitizing are PHP_CodeSniffer's (WordPress.NamingConventions.
 * PrefixAllGlobals, WordPress.Security.*), run by the same script.
 *
 * @package Meum\WooCommerce
 */

// phpcs:disable -- a command-line tool, outside the plugin's ruleset.

$root = rtrim( $argv[1] ?? dirname( __DIR__, 2 ), '/' );

const MEUM_REVIEW_PREFIX = 'meum_wc_';

// Names WooCommerce gives to what the plugin hands it, which the plugin reads but does not name:
// the payment gateway's form is stored by WC_Settings_API as "{plugin_id}{gateway id}_settings".
const MEUM_REVIEW_FOREIGN_NAMES = array( 'woocommerce_meum_settings' );

// Files that may make remote requests, each only when a merchant asks for it.
const MEUM_REVIEW_REMOTE_ALLOWED = array( 'includes/Api/Client.php', 'includes/Webhooks/Self_Test.php' );

// Function => position (0-based) of the argument holding a stored or scheduled name.
const MEUM_REVIEW_NAMED_ARGS = array(
	'get_option'                => 0,
	'update_option'             => 0,
	'add_option'                => 0,
	'delete_option'             => 0,
	'get_site_option'           => 0,
	'update_site_option'        => 0,
	'add_site_option'           => 0,
	'delete_site_option'        => 0,
	'get_transient'             => 0,
	'set_transient'             => 0,
	'delete_transient'          => 0,
	'get_site_transient'        => 0,
	'set_site_transient'        => 0,
	'delete_site_transient'     => 0,
	'get_user_meta'             => 1,
	'update_user_meta'          => 1,
	'add_user_meta'             => 1,
	'delete_user_meta'          => 1,
	'delete_metadata'           => 2,
	'register_setting'          => 1,
	'wp_schedule_event'         => 2,
	'wp_schedule_single_event'  => 1,
	'wp_next_scheduled'         => 0,
	'wp_clear_scheduled_hook'   => 0,
	'wp_unschedule_hook'        => 0,
	'as_schedule_recurring_action' => 2,
	'as_schedule_single_action' => 1,
	'as_enqueue_async_action'   => 0,
	'as_has_scheduled_action'   => 0,
	'as_next_scheduled_action'  => 0,
	'as_unschedule_action'      => 0,
	'as_unschedule_all_actions' => 0,
);

const MEUM_REVIEW_FORBIDDEN_CALLS = array( 'error_log', 'var_dump', 'print_r' );

const MEUM_REVIEW_REMOTE_CALLS = '/^(wp_remote_(get|post|head|request)|wp_safe_remote_(get|post|head|request)|download_url|curl_init|curl_exec|curl_multi_exec|fsockopen|stream_socket_client)$/i';

/**
 * The shipped PHP files, relative to the root.
 *
 * @param string $root Plugin root.
 * @return string[]
 */
function meum_review_files( string $root ): array {
	$files = array();
	foreach ( array( 'meum-woocommerce.php', 'uninstall.php' ) as $file ) {
		if ( is_file( "$root/$file" ) ) {
			$files[] = $file;
		}
	}
	if ( is_dir( "$root/includes" ) ) {
		$iterator = new RecursiveIteratorIterator( new RecursiveDirectoryIterator( "$root/includes", FilesystemIterator::SKIP_DOTS ) );
		$found    = array();
		foreach ( $iterator as $info ) {
			if ( $info->isFile() && 'php' === $info->getExtension() ) {
				$found[] = substr( $info->getPathname(), strlen( $root ) + 1 );
			}
		}
		sort( $found );
		$files = array_merge( $files, $found );
	}
	return $files;
}

/**
 * The file's tokens as [type, text, line], without whitespace and comments.
 *
 * @param string $code PHP source.
 * @return array<int, array{0: int|string, 1: string, 2: int}>
 */
function meum_review_tokens( string $code ): array {
	$tokens = array();
	$line   = 1;
	foreach ( token_get_all( $code ) as $token ) {
		if ( is_array( $token ) ) {
			$line = $token[2];
			if ( in_array( $token[0], array( T_WHITESPACE, T_COMMENT, T_DOC_COMMENT ), true ) ) {
				continue;
			}
			$tokens[] = array( $token[0], $token[1], $line );
		} else {
			$tokens[] = array( $token, $token, $line );
		}
	}
	return $tokens;
}

/**
 * A name token's plain name: `\error_log` and `error_log` alike, lower case.
 *
 * @param array{0: int|string, 1: string, 2: int} $token Token.
 * @return string|null Null for tokens that are not names.
 */
function meum_review_name( array $token ): ?string {
	$types = array( T_STRING );
	if ( defined( 'T_NAME_FULLY_QUALIFIED' ) ) {
		$types[] = T_NAME_FULLY_QUALIFIED;
	}
	return in_array( $token[0], $types, true ) ? strtolower( ltrim( $token[1], '\\' ) ) : null;
}

/**
 * Whether the name at $i is a function call (not a method, a declaration or a constant).
 *
 * @param array<int, array{0: int|string, 1: string, 2: int}> $tokens Tokens.
 * @param int                                                 $i      Index of the name.
 * @return bool
 */
function meum_review_is_call( array $tokens, int $i ): bool {
	if ( '(' !== ( $tokens[ $i + 1 ][0] ?? null ) ) {
		return false;
	}
	$before = $tokens[ $i - 1 ][0] ?? null;
	return ! in_array( $before, array( T_OBJECT_OPERATOR, T_DOUBLE_COLON, T_FUNCTION, T_NEW, T_CONST ), true )
		&& ! ( defined( 'T_NULLSAFE_OBJECT_OPERATOR' ) && T_NULLSAFE_OBJECT_OPERATOR === $before );
}

/**
 * The index of the parenthesis closing the one at $open.
 *
 * @param array<int, array{0: int|string, 1: string, 2: int}> $tokens Tokens.
 * @param int                                                 $open   Index of "(".
 * @return int
 */
function meum_review_close( array $tokens, int $open ): int {
	$depth = 0;
	$count = count( $tokens );
	for ( $i = $open; $i < $count; $i++ ) {
		if ( '(' === $tokens[ $i ][0] ) {
			++$depth;
		} elseif ( ')' === $tokens[ $i ][0] && 0 === --$depth ) {
			return $i;
		}
	}
	return $count - 1;
}

/**
 * The top-level arguments of the call whose "(" is at $open, each a list of tokens.
 *
 * @param array<int, array{0: int|string, 1: string, 2: int}> $tokens Tokens.
 * @param int                                                 $open   Index of "(".
 * @return array<int, array<int, array{0: int|string, 1: string, 2: int}>>
 */
function meum_review_args( array $tokens, int $open ): array {
	$close = meum_review_close( $tokens, $open );
	$args  = array( array() );
	$depth = 0;
	for ( $i = $open + 1; $i < $close; $i++ ) {
		$type = $tokens[ $i ][0];
		if ( in_array( $type, array( '(', '[', '{', T_CURLY_OPEN, T_DOLLAR_OPEN_CURLY_BRACES ), true ) ) {
			++$depth;
		} elseif ( in_array( $type, array( ')', ']', '}' ), true ) ) {
			--$depth;
		} elseif ( ',' === $type && 0 === $depth ) {
			$args[] = array();
			continue;
		}
		$args[ count( $args ) - 1 ][] = $tokens[ $i ];
	}
	return $args;
}

/**
 * A PHP string literal's value.
 *
 * @param string $literal Quoted literal.
 * @return string
 */
function meum_review_unquote( string $literal ): string {
	return stripcslashes( substr( $literal, 1, -1 ) );
}

/**
 * Every string class constant of the shipped files: "Short_Class::NAME" => value.
 *
 * @param array<string, array<int, array{0: int|string, 1: string, 2: int}>> $all Tokens by file.
 * @return array<string, string>
 */
function meum_review_constants( array $all ): array {
	$constants = array();
	foreach ( $all as $tokens ) {
		$class = null;
		foreach ( $tokens as $i => $token ) {
			if ( in_array( $token[0], array( T_CLASS, T_INTERFACE, T_TRAIT ), true ) && T_STRING === ( $tokens[ $i + 1 ][0] ?? null ) ) {
				$class = $tokens[ $i + 1 ][1];
			}
			if ( T_CONST === $token[0] && null !== $class && T_STRING === ( $tokens[ $i + 1 ][0] ?? null ) && '=' === ( $tokens[ $i + 2 ][0] ?? null )
				&& T_CONSTANT_ENCAPSED_STRING === ( $tokens[ $i + 3 ][0] ?? null ) && ';' === ( $tokens[ $i + 4 ][0] ?? null ) ) {
				$constants[ $class . '::' . $tokens[ $i + 1 ][1] ] = meum_review_unquote( $tokens[ $i + 3 ][1] );
			}
		}
	}
	return $constants;
}

/**
 * An argument's value when it is a literal or a known class constant.
 *
 * @param array<int, array{0: int|string, 1: string, 2: int}> $arg       The argument's tokens.
 * @param string|null                                         $class     The file's class.
 * @param array<string, string>                               $constants Known class constants.
 * @return string|null Null when the value is only known at run time.
 */
function meum_review_value( array $arg, ?string $class, array $constants ): ?string {
	if ( 1 === count( $arg ) && T_CONSTANT_ENCAPSED_STRING === $arg[0][0] ) {
		return meum_review_unquote( $arg[0][1] );
	}
	if ( 3 === count( $arg ) && T_DOUBLE_COLON === $arg[1][0] && T_STRING === $arg[2][0] ) {
		$owner = in_array( strtolower( $arg[0][1] ), array( 'self', 'static' ), true ) ? $class : $arg[0][1];
		$owner = null === $owner ? '' : substr( (string) strrchr( '\\' . $owner, '\\' ), 1 );
		return $constants[ $owner . '::' . $arg[2][1] ] ?? null;
	}
	return null;
}

/**
 * The keys (string literals before "=>") used anywhere in the tokens.
 *
 * @param array<int, array{0: int|string, 1: string, 2: int}> $tokens Tokens.
 * @return array<string, int> Key => count.
 */
function meum_review_keys( array $tokens ): array {
	$keys = array();
	foreach ( $tokens as $i => $token ) {
		if ( T_CONSTANT_ENCAPSED_STRING === $token[0] && T_DOUBLE_ARROW === ( $tokens[ $i + 1 ][0] ?? null ) ) {
			$key          = meum_review_unquote( $token[1] );
			$keys[ $key ] = ( $keys[ $key ] ?? 0 ) + 1;
		}
	}
	return $keys;
}

/**
 * The tokens of a method's body in the file, or null.
 *
 * @param array<int, array{0: int|string, 1: string, 2: int}> $tokens Tokens.
 * @param string                                              $name   Method name.
 * @return array<int, array{0: int|string, 1: string, 2: int}>|null
 */
function meum_review_method_body( array $tokens, string $name ): ?array {
	$count = count( $tokens );
	foreach ( $tokens as $i => $token ) {
		if ( T_FUNCTION === $token[0] && T_STRING === ( $tokens[ $i + 1 ][0] ?? null ) && 0 === strcasecmp( $tokens[ $i + 1 ][1], $name ) ) {
			for ( $j = $i; $j < $count && '{' !== $tokens[ $j ][0]; $j++ ) {
				if ( ';' === $tokens[ $j ][0] ) {
					return null; // Abstract.
				}
			}
			$depth = 0;
			for ( $k = $j; $k < $count; $k++ ) {
				if ( in_array( $tokens[ $k ][0], array( '{', T_CURLY_OPEN, T_DOLLAR_OPEN_CURLY_BRACES ), true ) ) {
					++$depth;
				} elseif ( '}' === $tokens[ $k ][0] && 0 === --$depth ) {
					return array_slice( $tokens, $j, $k - $j + 1 );
				}
			}
		}
	}
	return null;
}

/**
 * Whether the tokens call one of the functions.
 *
 * @param array<int, array{0: int|string, 1: string, 2: int}> $tokens    Tokens.
 * @param string[]                                            $functions Lower-case names.
 * @return bool
 */
function meum_review_calls( array $tokens, array $functions ): bool {
	foreach ( $tokens as $i => $token ) {
		$name = meum_review_name( $token );
		if ( null !== $name && in_array( $name, $functions, true ) && meum_review_is_call( $tokens, $i ) ) {
			return true;
		}
	}
	return false;
}

$files    = meum_review_files( $root );
$all      = array();
$findings = array();
foreach ( $files as $file ) {
	$all[ $file ] = meum_review_tokens( (string) file_get_contents( "$root/$file" ) );
}
$constants = meum_review_constants( $all );
$report    = static function ( string $file, int $line, string $message ) use ( &$findings ): void {
	$findings[] = "$file:$line: $message";
};

if ( array() === $files ) {
	$report( $root, 0, 'no plugin files found' );
}

foreach ( $all as $file => $tokens ) {
	$count = count( $tokens );
	$class = null;
	foreach ( $tokens as $i => $token ) {
		if ( in_array( $token[0], array( T_CLASS, T_INTERFACE, T_TRAIT ), true ) && T_STRING === ( $tokens[ $i + 1 ][0] ?? null ) ) {
			$class = $tokens[ $i + 1 ][1];
			break;
		}
	}

	// 1. The direct-access guard, as the first statement after the namespace, use and declare lines.
	$constant = 'uninstall.php' === $file ? 'WP_UNINSTALL_PLUGIN' : 'ABSPATH';
	$i        = 0;
	while ( $i < $count ) {
		if ( T_OPEN_TAG === $tokens[ $i ][0] ) {
			++$i;
			continue;
		}
		if ( in_array( $tokens[ $i ][0], array( T_DECLARE, T_NAMESPACE, T_USE ), true ) ) {
			while ( $i < $count && ';' !== $tokens[ $i ][0] ) {
				++$i;
			}
			++$i;
			continue;
		}
		break;
	}
	$guard = array_map(
		static function ( $token ) {
			return T_CONSTANT_ENCAPSED_STRING === $token[0] ? meum_review_unquote( $token[1] ) : strtolower( $token[1] );
		},
		array_slice( $tokens, $i, 7 )
	);
	$ok    = array( 'defined', '(', $constant, ')', '||', 'exit', ';' ) === $guard
		|| array( 'defined', '(', $constant, ')', 'or', 'die', ';' ) === $guard;
	if ( ! $ok ) {
		$report( $file, $tokens[ $i ][2] ?? 1, "the first statement must be the direct-access guard `defined( '$constant' ) || exit;`" );
	}

	foreach ( $tokens as $i => $token ) {
		$name = meum_review_name( $token );

		// 2. Debugging output and dynamic code.
		if ( T_EVAL === $token[0] ) {
			$report( $file, $token[2], 'eval is not allowed' );
		}
		if ( null !== $name && in_array( $name, MEUM_REVIEW_FORBIDDEN_CALLS, true ) && meum_review_is_call( $tokens, $i ) ) {
			$report( $file, $token[2], "$name() is not allowed in the plugin (debugging output)" );
		}

		if ( null === $name || ! meum_review_is_call( $tokens, $i ) ) {
			continue;
		}
		$args = meum_review_args( $tokens, $i + 1 );

		// 3. REST routes: a permission_callback for every endpoint (every `methods`).
		if ( 'register_rest_route' === $name ) {
			$keys = meum_review_keys( array_merge( ...array_slice( $args, 2 ) ) );
			if ( 0 === ( $keys['permission_callback'] ?? 0 ) || ( $keys['permission_callback'] ?? 0 ) < ( $keys['methods'] ?? 0 ) ) {
				$report( $file, $token[2], 'register_rest_route(): every endpoint needs a permission_callback (written out in the call, so a reviewer can see it)' );
			}
		}

		// 4. Remote calls.
		if ( preg_match( MEUM_REVIEW_REMOTE_CALLS, $name ) && ! in_array( $file, MEUM_REVIEW_REMOTE_ALLOWED, true ) ) {
			$report( $file, $token[2], "$name(): remote requests belong in " . implode( ' or ', MEUM_REVIEW_REMOTE_ALLOWED ) . ', run only on request, never at plugin load' );
		}

		// 5. Stored and scheduled names.
		if ( isset( MEUM_REVIEW_NAMED_ARGS[ $name ] ) && isset( $args[ MEUM_REVIEW_NAMED_ARGS[ $name ] ] ) ) {
			$value = meum_review_value( $args[ MEUM_REVIEW_NAMED_ARGS[ $name ] ], $class, $constants );
			if ( null !== $value && 0 !== strpos( $value, MEUM_REVIEW_PREFIX ) && ! in_array( $value, MEUM_REVIEW_FOREIGN_NAMES, true ) ) {
				$report( $file, $token[2], "$name(): the name \"$value\" must start with " . MEUM_REVIEW_PREFIX );
			}
		}

		// 6. admin-post and AJAX handlers: nonce and capability.
		if ( in_array( $name, array( 'add_action', 'add_filter' ), true ) && isset( $args[0][0], $args[1] ) && T_CONSTANT_ENCAPSED_STRING === $args[0][0][0]
			&& preg_match( '/^(admin_post_|wp_ajax_)/', meum_review_unquote( $args[0][0][1] ) ) ) {
			// array( $this, 'method' ) or [ $this, 'method' ].
			$callback = array_values( array_filter( $args[1], static function ( $t ) { return ! in_array( $t[0], array( T_ARRAY, '(', ')', '[', ']' ), true ); } ) );
			$method   = ( 3 === count( $callback ) && T_VARIABLE === $callback[0][0] && ',' === $callback[1][0] && T_CONSTANT_ENCAPSED_STRING === $callback[2][0] ) ? meum_review_unquote( $callback[2][1] ) : null;
			$body     = null === $method ? null : meum_review_method_body( $tokens, $method );
			if ( null === $body ) {
				$report( $file, $token[2], 'admin-post/AJAX handler: register it as array( $this, \'method\' ) with the method in this file, so its checks can be verified' );
			} else {
				if ( ! meum_review_calls( $body, array( 'check_admin_referer', 'check_ajax_referer', 'wp_verify_nonce' ) ) ) {
					$report( $file, $token[2], "admin-post/AJAX handler $method() does not verify a nonce" );
				}
				if ( ! meum_review_calls( $body, array( 'current_user_can' ) ) ) {
					$report( $file, $token[2], "admin-post/AJAX handler $method() does not check a capability" );
				}
			}
		}

		// 7. Settings are sanitized.
		if ( 'register_setting' === $name && ! isset( meum_review_keys( array_merge( ...array_slice( $args, 2 ) ) )['sanitize_callback'] ) ) {
			$report( $file, $token[2], 'register_setting() needs a sanitize_callback' );
		}
	}
}

foreach ( $findings as $finding ) {
	fwrite( STDERR, $finding . "\n" );
}
printf( "plugin review: %d file(s) checked, %d finding(s)\n", count( $files ), count( $findings ) );
exit( array() === $findings ? 0 : 1 );
