import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { validateConnectRequest } from '../src/api/validation';
import { connect, obj, validBody, sandboxForSuite } from './helpers';

const sb = sandboxForSuite( { reset: false } );

const KEY = 'sk_live_sandbox_ready';

async function expect422(
	body: unknown,
	expectedFields: string[]
): Promise< Record< string, string > > {
	const r = await connect( sb.url, KEY, body );
	assert.equal( r.status, 422, r.text );
	assert.match( r.contentType, /^application\/json/ );
	const b = obj( r.json );
	assert.equal( b.error, 'Validation failed' );
	assert.equal( b.code, 'VALIDATION_ERROR' );
	const details = obj( b.details ) as Record< string, string >;
	assert.deepEqual(
		Object.keys( details ).sort(),
		[ ...expectedFields ].sort()
	);
	for ( const [ field, message ] of Object.entries( details ) ) {
		assert.equal( typeof message, 'string', field );
		assert.ok( message.length > 3, field );
	}
	return details;
}

function without( field: string ): Record< string, unknown > {
	const b = validBody();
	delete b[ field ];
	return b;
}

describe( '422 VALIDATION_ERROR with details', () => {
	it( 'missing site_url', async () => {
		const d = await expect422( without( 'site_url' ), [ 'site_url' ] );
		assert.equal( d.site_url, 'This field is required.' );
	} );

	it( 'missing webhook_url', async () => {
		const d = await expect422( without( 'webhook_url' ), [
			'webhook_url',
		] );
		assert.equal( d.webhook_url, 'This field is required.' );
	} );

	it( 'empty object: both URLs missing', async () => {
		await expect422( {}, [ 'site_url', 'webhook_url' ] );
	} );

	it( 'wrong type (number)', async () => {
		const d = await expect422( { ...validBody(), site_url: 42 }, [
			'site_url',
		] );
		assert.equal( d.site_url, 'Must be a string.' );
	} );

	it( 'wrong type for a version (number)', async () => {
		await expect422( { ...validBody(), wordpress_version: 6.5 }, [
			'wordpress_version',
		] );
	} );

	it( 'null is a wrong type too', async () => {
		await expect422( { ...validBody(), woocommerce_version: null }, [
			'woocommerce_version',
		] );
	} );

	it( 'string that is not a URI', async () => {
		const d = await expect422(
			{ ...validBody(), webhook_url: 'not a url' },
			[ 'webhook_url' ]
		);
		assert.equal( d.webhook_url, 'Must be an absolute http(s) URL.' );
	} );

	it( 'non-http scheme (ftp://)', async () => {
		const d = await expect422(
			{ ...validBody(), site_url: 'ftp://shop.example.com' },
			[ 'site_url' ]
		);
		assert.equal( d.site_url, 'Must be an absolute http(s) URL.' );
	} );

	it( 'other non-http schemes (mailto:, javascript:)', async () => {
		await expect422(
			{
				...validBody(),
				site_url: 'mailto:a@example.com',
				webhook_url: 'javascript:alert(1)',
			},
			[ 'site_url', 'webhook_url' ]
		);
	} );

	it( 'relative URL', async () => {
		await expect422(
			{ ...validBody(), webhook_url: '/wp-json/meum/v1/webhook' },
			[ 'webhook_url' ]
		);
		await expect422( { ...validBody(), site_url: '//shop.example.com' }, [
			'site_url',
		] );
	} );

	it( 'empty URL string', async () => {
		await expect422( { ...validBody(), site_url: '' }, [ 'site_url' ] );
	} );

	for ( const field of [
		'plugin_version',
		'wordpress_version',
		'woocommerce_version',
	] ) {
		it( `empty version string (${ field })`, async () => {
			const d = await expect422( { ...validBody(), [ field ]: '' }, [
				field,
			] );
			assert.match( d[ field ] ?? '', /empty/ );
		} );
	}

	it( 'extra property', async () => {
		const d = await expect422( { ...validBody(), store_id: 'abc' }, [
			'store_id',
		] );
		assert.match( d.store_id ?? '', /Unknown field/ );
	} );

	it( 'several violations are all reported', async () => {
		await expect422(
			{ site_url: 'ftp://a', plugin_version: '', extra: true },
			[ 'site_url', 'webhook_url', 'plugin_version', 'extra' ]
		);
	} );

	for ( const [ name, body ] of [
		[ 'array', [ validBody() ] ],
		[ 'empty array', [] ],
		[ 'string', 'https://shop.example.com' ],
		[ 'number', 42 ],
		[ 'boolean', true ],
		[ 'null', null ],
	] as Array< [ string, unknown ] > ) {
		it( `body not an object (${ name }) → details.body`, async () => {
			const d = await expect422( body, [ 'body' ] );
			assert.equal( d.body, 'The request body must be a JSON object.' );
		} );
	}

	it( 'prototype-ish property names are reported, not obeyed', async () => {
		const r = await connect( sb.url, KEY, null, {
			raw: '{"site_url":"https://a.example","webhook_url":"https://a.example/w","__proto__":{"x":1},"constructor":1}',
		} );
		assert.equal( r.status, 422 );
		assert.deepEqual( Object.keys( obj( obj( r.json ).details ) ).sort(), [
			'__proto__',
			'constructor',
		] );
	} );

	it( 'versions are optional (omitted is fine)', async () => {
		const r = await connect( sb.url, KEY, {
			site_url: 'http://localhost:8080',
			webhook_url: 'http://localhost:8080/?rest_route=/meum/v1/webhook',
		} );
		assert.equal( r.status, 200 );
	} );
} );

describe( 'validateConnectRequest (unit)', () => {
	it( 'accepts a conforming body', () => {
		assert.deepEqual( validateConnectRequest( validBody() ), {
			ok: true,
			value: validBody(),
		} );
	} );
	it( 'rejects with a details map', () => {
		const r = validateConnectRequest( { site_url: 1 } );
		assert.equal( r.ok, false );
		if ( ! r.ok ) {
			assert.deepEqual( Object.keys( r.details ).sort(), [
				'site_url',
				'webhook_url',
			] );
		}
	} );
} );
