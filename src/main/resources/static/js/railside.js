/*
 * Railside test page: opens a raw WebSocket, STOMP over WebSocket or STOMP over SockJS
 * connection and logs what happens. Everything from the network goes in with
 * textContent, never innerHTML.
 */
(function () {
	'use strict';

	const element = (id) => document.getElementById(id);
	const ui = {
		transport: element('transport'),
		url: element('url'),
		token: element('token'),
		disconnect: element('disconnect'),
		destination: element('destination'),
		sendDestination: element('send-destination'),
		body: element('body'),
		debug: element('debug'),
		msg: element('msg')
	};
	const schemes = { raw: ['ws:', 'wss:'], stomp: ['ws:', 'wss:'], sockjs: ['http:', 'https:'] };

	let connection = null;

	function timestamp() {
		const now = new Date();
		const pad = (value, width) => String(value).padStart(width, '0');
		return pad(now.getHours(), 2) + ':' + pad(now.getMinutes(), 2) + ':' + pad(now.getSeconds(), 2)
			+ '.' + pad(now.getMilliseconds(), 3);
	}

	function append(pane, ...parts) {
		const line = document.createElement('div');
		line.className = 'line';
		const time = document.createElement('time');
		time.textContent = timestamp();
		line.append(time, ' ', ...parts);
		const atBottom = pane.scrollHeight - pane.scrollTop - pane.clientHeight < 8;
		pane.append(line);
		if (atBottom) {
			pane.scrollTop = pane.scrollHeight;
		}
	}

	function debug(text) {
		append(ui.debug, text);
	}

	function message(destination, body) {
		if (destination === null) {
			append(ui.msg, body);
			return;
		}
		const where = document.createElement('span');
		where.className = 'destination';
		where.textContent = destination;
		append(ui.msg, where, ' ', body);
	}

	function closed(event) {
		const reason = event.reason ? 'reason "' + event.reason + '"' : 'no reason';
		debug('socket closed: code ' + event.code + ', ' + reason);
	}

	function describe(data) {
		return (typeof data === 'string') ? data : '[binary, ' + data.byteLength + ' bytes]';
	}

	function openRaw(url) {
		const socket = new WebSocket(url);
		socket.binaryType = 'arraybuffer';
		const send = (text) => {
			if (socket.readyState !== WebSocket.OPEN) {
				debug('not connected: connect first');
				return;
			}
			socket.send(text);
			debug('sent: ' + text);
		};
		socket.onopen = () => {
			debug('connected...');
			send('hello server');
		};
		socket.onmessage = (event) => message(null, describe(event.data));
		const handle = {
			close: () => socket.close(1000, 'disconnect pressed'),
			subscribe: () => debug('raw mode has no subscriptions: it echoes what you send'),
			send: (destination, body) => send(body)
		};
		socket.onerror = () => debug('error: the socket failed (the close code below tells more)');
		socket.onclose = (event) => {
			closed(event);
			forget(handle);
		};
		return handle;
	}

	function openStomp(url, overSockJs) {
		const client = new StompJs.Client({
			connectHeaders: authorization(),
			reconnectDelay: 0,
			onConnect: (frame) => debug('connected... STOMP ' + frame.headers.version + ' over '
				+ (overSockJs ? 'SockJS (' + client.webSocket.transport + ')' : 'WebSocket')),
			onStompError: (frame) => debug('error: ' + frame.headers.message
				+ (frame.body ? ': ' + frame.body : '')),
			onWebSocketError: () => debug('error: the socket failed (the close code below tells more)'),
			onWebSocketClose: (event) => {
				closed(event);
				client.deactivate();
				forget(handle);
			}
		});
		if (overSockJs) {
			client.webSocketFactory = () => new SockJS(url);
		}
		else {
			client.brokerURL = url;
		}
		client.activate();
		const whenConnected = (action) => client.connected ? action() : debug('not connected yet');
		const handle = {
			close: () => client.deactivate(),
			subscribe: (destination) => whenConnected(() => {
				client.subscribe(destination, (frame) => message(frame.headers.destination, frame.body));
				debug('subscribed to ' + destination);
			}),
			send: (destination, body) => whenConnected(() => {
				client.publish({ destination: destination, body: body });
				debug('sent to ' + destination + ': ' + body);
			})
		};
		return handle;
	}

	function forget(handle) {
		if (connection === handle) {
			connection = null;
		}
	}

	function authorization() {
		const token = ui.token.value.trim();
		return token ? { Authorization: 'Bearer ' + token } : {};
	}

	function connect() {
		disconnect();
		const transport = ui.transport.value;
		const url = ui.url.value.trim();
		const problem = check(transport, url);
		if (problem) {
			debug('error: ' + problem);
			return;
		}
		debug('connecting to ' + url + ' (' + transport + ')...');
		try {
			connection = (transport === 'raw') ? openRaw(url) : openStomp(url, transport === 'sockjs');
		}
		catch (error) {
			debug('error: ' + error.message);
		}
	}

	function check(transport, url) {
		let parsed;
		try {
			parsed = new URL(url);
		}
		catch (error) {
			return 'not a URL: ' + url;
		}
		if (!schemes[transport].includes(parsed.protocol)) {
			return transport + ' needs a ' + schemes[transport].join('// or ') + '// URL';
		}
		if (transport !== 'raw' && typeof StompJs === 'undefined') {
			return 'the STOMP client script did not load';
		}
		if (transport === 'sockjs' && typeof SockJS === 'undefined') {
			return 'the SockJS client script did not load';
		}
		return null;
	}

	function disconnect() {
		if (connection) {
			debug('disconnecting');
			connection.close();
			connection = null;
		}
	}

	function onSubmit(formId, action) {
		element(formId).addEventListener('submit', (event) => {
			event.preventDefault();
			action();
		});
	}

	function withConnection(action) {
		return () => connection ? action(connection) : debug('not connected: connect first');
	}

	ui.transport.addEventListener('change', () => {
		ui.url.value = ui.transport.selectedOptions[0].dataset.url;
	});
	ui.disconnect.addEventListener('click', withConnection(disconnect));
	onSubmit('connection-form', connect);
	onSubmit('subscribe-form', withConnection((open) => open.subscribe(ui.destination.value.trim())));
	onSubmit('send-form', withConnection((open) => open.send(ui.sendDestination.value.trim(), ui.body.value)));
	connect();
})();
