#!/usr/bin/env python3
"""A small market maker for the CampTrading trading API.

Strategy (read this first):
  * Take the last trade price as "the price".
  * Keep one buy order a little below it and one sell order a little above it
    (--spread ticks each side), inside the price band the exchange allows.
  * Size each side by what we can afford: the buy by our points, the sell by our shares.
  * When the price moves, cancel and replace the quotes; when a quote was filled, place a new one.
  We earn the spread when others trade with both of our quotes.

Market data and our own orders, fills and balance come in over the WebSocket stream
(/api/v1/stream). Orders are placed and cancelled over REST (/api/v1/orders), each with a
clientOrderId so that a retry after a timeout can never place the same order twice.

Needs Python 3.9+ and the "websockets" package (Debian: apt-get install python3-websockets).

  python3 bot.py --url http://localhost:5080 --token ctk_... --symbol CAMP

Stops on Ctrl+C, after --seconds S or after --max-orders N orders, and cancels its open orders.
"""

import argparse
import asyncio
import json
import signal
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

try:
    import websockets
except ImportError:
    sys.exit("This bot needs the websockets package: apt-get install python3-websockets (or pip install websockets)")


def log(text):
    """One line per action, with the time."""
    print(time.strftime("%H:%M:%S"), text, flush=True)


class ApiError(Exception):
    """A refusal of the API: the HTTP status and the stable problem code (e.g. insufficient_points)."""

    def __init__(self, status, code, detail):
        super().__init__(f"{status} {code}: {detail}")
        self.status, self.code, self.detail = status, code, detail


class Api:
    """The REST part of the API: JSON in, JSON out, problem details turned into ApiError."""

    def __init__(self, url, token):
        self.url = url.rstrip("/")
        self.token = token

    def call(self, method, path, body=None, retries=3):
        data = None if body is None else json.dumps(body).encode()
        for attempt in range(retries + 1):
            request = urllib.request.Request(self.url + path, data=data, method=method)
            request.add_header("Authorization", "Bearer " + self.token)
            request.add_header("Accept", "application/json")
            if data is not None:
                request.add_header("Content-Type", "application/json")
            try:
                with urllib.request.urlopen(request, timeout=10) as response:
                    return json.loads(response.read() or b"null")
            except urllib.error.HTTPError as error:
                text = error.read().decode(errors="replace")
                try:
                    problem = json.loads(text)
                except ValueError:
                    problem = {}
                code = problem.get("code", "http_%d" % error.code)
                if error.code == 429 and attempt < retries:
                    # Too many requests: the server says how long to wait. Orders carry a clientOrderId,
                    # so sending the same request again is safe.
                    wait = float(error.headers.get("Retry-After") or 1)
                    log(f"rate limited ({code}), waiting {wait:g} s")
                    time.sleep(wait)
                    continue
                raise ApiError(error.code, code, problem.get("detail", text[:200])) from None
        raise AssertionError("unreachable")

    def instrument(self, symbol):
        answer = self.call("GET", "/api/v1/instruments")
        for item in answer["instruments"]:
            if item["symbol"].upper() == symbol.upper():
                return answer["rules"], item
        raise SystemExit(f"unknown symbol {symbol}")

    def place(self, symbol, side, quantity, price, client_order_id):
        return self.call("POST", "/api/v1/orders", {
            "symbol": symbol, "side": side, "type": "limit", "quantity": quantity, "price": price,
            "timeInForce": "gtc", "clientOrderId": client_order_id,
        })

    def cancel(self, order_id):
        return self.call("DELETE", f"/api/v1/orders/{order_id}")


class Book:
    """The order book from the stream: a snapshot, then updates numbered seq, seq+1, ...

    A missing number means we lost an update: the book is then wrong, so we ask for a fresh
    snapshot and ignore updates until it arrives.
    """

    def __init__(self):
        self.bids, self.asks = {}, {}
        self.seq = None  # None: no valid book (waiting for a snapshot)

    def snapshot(self, message):
        self.bids = {price: qty for price, qty in message["bids"]}
        self.asks = {price: qty for price, qty in message["asks"]}
        self.seq = message["seq"]

    def update(self, message):
        """Applies an update; returns False when one was missed (a gap)."""
        if self.seq is None:
            return True  # waiting for the snapshot we asked for
        if message["seq"] <= self.seq:
            return True  # already in the snapshot
        if message["seq"] != self.seq + 1:
            self.seq = None
            return False
        for side, levels in ((self.bids, message["bids"]), (self.asks, message["asks"])):
            for price, qty in levels:
                if qty == 0:
                    side.pop(price, None)
                else:
                    side[price] = qty
        self.seq = message["seq"]
        return True

    def best_bid(self):
        return max(self.bids) if self.bids else None

    def best_ask(self):
        return min(self.asks) if self.asks else None


class MarketMaker:
    def __init__(self, args):
        self.args = args
        self.api = Api(args.url, args.token)
        self.symbol = args.symbol.upper()
        self.book = Book()
        self.last_price = None
        self.quotes = {}        # side -> our resting order: {"id", "price", "remaining"}
        self.finished = set()   # order ids the stream told us are filled or cancelled
        self.points = 0         # available points (not reserved by our buy orders)
        self.shares = 0         # available shares of our symbol
        self.placed = 0
        self.blocked_until = {}  # side -> time before which we do not try that side again
        self.run_id = time.strftime("%H%M%S")
        self.stop = asyncio.Event()

    # ---- the strategy -------------------------------------------------------------------------

    def wanted_prices(self):
        """The prices we want to quote now: {side: price}."""
        tick, low, high = self.rules["tickSize"], self.band[0], self.band[1]
        price = self.last_price
        bid = (price - self.args.spread * tick) // tick * tick
        ask = -(-(price + self.args.spread * tick) // tick) * tick
        # Never cross someone else's quote: we only want to wait for others to trade with us.
        best_ask, best_bid = self.others_best("sell"), self.others_best("buy")
        if best_ask is not None and bid >= best_ask:
            bid = best_ask - tick
        if best_bid is not None and ask <= best_bid:
            ask = best_bid + tick
        # Orders outside the band are refused: quote at its edge instead.
        return {"buy": max(low, min(high, bid)), "sell": max(low, min(high, ask))}

    def affordable(self, side, price):
        """How many shares we can quote: a buy is bounded by our points, a sell by our shares."""
        if side == "buy":
            return min(self.args.size, self.points // price)
        return min(self.args.size, self.shares)

    def others_best(self, side):
        """The best price on a side of the book not counting our own quote there."""
        levels = self.book.bids if side == "buy" else self.book.asks
        own = self.quotes.get(side)
        prices = [p for p, q in levels.items() if not (own and p == own["price"] and q <= own["remaining"])]
        if not prices:
            return None
        return max(prices) if side == "buy" else min(prices)

    async def requote(self):
        """Cancels a quote whose price is no longer right and places what is missing."""
        if self.book.seq is None or self.last_price is None:
            return
        for side, price in self.wanted_prices().items():
            current = self.quotes.get(side)
            if current and current["price"] == price:
                continue  # still right (a partly filled quote keeps its place in the queue)
            if current:
                await self.cancel(side)
            if self.stop.is_set() or time.monotonic() < self.blocked_until.get(side, 0):
                continue
            quantity = self.affordable(side, price)
            if quantity > 0:
                await self.place(side, price, quantity)

    # ---- orders over REST ---------------------------------------------------------------------

    async def place(self, side, price, quantity):
        if self.placed >= self.args.max_orders:
            log(f"placed {self.placed} orders (--max-orders): stopping")
            self.stop.set()
            return
        self.placed += 1
        client_order_id = f"pybot-{self.run_id}-{self.placed}"
        try:
            result = await asyncio.to_thread(self.api.place, self.symbol, side, quantity, price, client_order_id)
        except ApiError as error:
            log(f"order refused: {side} {quantity} @ {price}: {error.code} ({error.detail})")
            if error.code in ("token_invalid", "token_revoked", "token_expired", "scope_missing", "account_disabled", "api_disabled"):
                self.stop.set()
            # Not enough points or shares, market closed, ...: wait for news (a balance message) or a few seconds.
            self.blocked_until[side] = time.monotonic() + 5
            return
        log(f"placed {side} {quantity} {self.symbol} @ {price}: order {result['orderId']} {result['status']}"
            f" (filled {result['filled']})")
        if result["status"] == "open" and result["orderId"] not in self.finished:
            self.quotes[side] = {"id": result["orderId"], "price": price, "remaining": result["remaining"]}
            # What we reserved is no longer available (the balance message will confirm it).
            if side == "buy":
                self.points -= price * result["remaining"]
            else:
                self.shares -= result["remaining"]

    async def cancel(self, side):
        quote = self.quotes.pop(side, None)
        if quote is None:
            return
        try:
            result = await asyncio.to_thread(self.api.cancel, quote["id"])
            log(f"cancelled {side} order {quote['id']} @ {quote['price']} ({result['status']})")
            # What was left of the quote is free again (the next balance message will confirm it).
            if side == "buy":
                self.points += quote["price"] * result["remaining"]
            else:
                self.shares += result["remaining"]
        except ApiError as error:
            # order_unknown / order_not_open: it was filled or cancelled meanwhile, nothing to do.
            log(f"cancel of order {quote['id']}: {error.code}")

    async def cancel_all(self):
        for side in list(self.quotes):
            await self.cancel(side)

    # ---- the stream ---------------------------------------------------------------------------

    def stream_url(self):
        parts = urllib.parse.urlsplit(self.args.url)
        scheme = "wss" if parts.scheme == "https" else "ws"
        return urllib.parse.urlunsplit((scheme, parts.netloc, "/api/v1/stream", "", ""))

    async def on_message(self, ws, message):
        kind = message.get("type")
        if kind == "book":
            self.book.snapshot(message)
        elif kind == "bookUpdate":
            if not self.book.update(message):
                log(f"book gap before seq {message['seq']}: asking for a snapshot")
                await ws.send(json.dumps({"op": "snapshot", "id": 99, "channel": "book:" + self.symbol}))
        elif kind == "trade":
            self.last_price = message["price"]
            log(f"trade {message['quantity']} @ {message['price']} ({message['takerSide']} taker)")
        elif kind == "order":
            order_id = message["orderId"]
            if message["status"] != "open":
                self.finished.add(order_id)
            for side, quote in list(self.quotes.items()):
                if quote["id"] == order_id:
                    if message["status"] == "open":
                        quote["remaining"] = message["remaining"]
                    else:
                        del self.quotes[side]
        elif kind == "fill":
            log(f"fill: {'bought' if message['side'] == 'buy' else 'sold'} {message['quantity']} {message['symbol']}"
                f" @ {message['price']} (order {message['orderId']})")
        elif kind == "balance":
            self.blocked_until.clear()
            self.points = message["availablePoints"]
            self.shares = sum(h["shares"] - h["reserved"] for h in message["holdings"] if h["symbol"].upper() == self.symbol)
        elif kind == "subscribed":
            log(f"subscribed to {', '.join(message['channels'])}")
        elif kind == "error":
            log(f"stream error: {message.get('code')} {message.get('message', '')}")
            if message.get("code") in ("token_invalid", "token_required", "channel_unknown"):
                raise SystemExit(f"stream refused us: {message.get('code')}")

    async def stream(self):
        """Connects, subscribes and handles messages until asked to stop; reconnects after a drop."""
        channels = [f"trades:{self.symbol}", f"book:{self.symbol}", "orders", "fills", "balances"]
        deadline = time.monotonic() + self.args.seconds
        failures = 0
        while not self.stop.is_set():
            try:
                async with websockets.connect(self.stream_url(), open_timeout=10, close_timeout=2) as ws:
                    # Browsers cannot send headers on a WebSocket, so the API also takes the token as the first message.
                    await ws.send(json.dumps({"op": "auth", "token": self.args.token}))
                    await ws.send(json.dumps({"op": "subscribe", "id": 1, "channels": channels}))
                    self.book = Book()
                    failures = 0
                    while not self.stop.is_set():
                        if time.monotonic() >= deadline:
                            log(f"{self.args.seconds} s are up: stopping")
                            self.stop.set()
                            break
                        try:
                            text = await asyncio.wait_for(ws.recv(), timeout=0.5)
                        except asyncio.TimeoutError:
                            text = None
                        if text is not None:
                            await self.on_message(ws, json.loads(text))
                        await self.requote()
            except websockets.exceptions.ConnectionClosed as closed:
                code = closed.rcvd.code if closed.rcvd else None
                reason = closed.rcvd.reason if closed.rcvd else ""
                if code == 4401:
                    log(f"stream closed: the token is no longer valid ({reason})")
                    self.stop.set()
                    return 3
                failures += 1
                log(f"stream closed ({code} {reason}); reconnecting")
            except (OSError, asyncio.TimeoutError, websockets.exceptions.InvalidHandshake) as error:
                failures += 1
                log(f"cannot reach the stream ({error}); retrying")
            if failures > 5:
                log("the stream keeps failing: giving up")
                return 4
            if not self.stop.is_set():
                # While we were away our quotes may have traded: start again from a clean slate.
                await self.cancel_all()
                await asyncio.sleep(min(10, 2 ** failures))
        return 0

    async def run(self):
        self.rules, item = await asyncio.to_thread(self.api.instrument, self.symbol)
        self.band = (item["bandLow"], item["bandHigh"])
        self.last_price = item["lastPrice"] or item["referencePrice"]
        portfolio = await asyncio.to_thread(self.api.call, "GET", "/api/v1/me/portfolio")
        self.points = portfolio["availablePoints"]
        self.shares = sum(h["available"] for h in portfolio["holdings"] if h["symbol"].upper() == self.symbol)
        log(f"market maker on {self.symbol}: price {self.last_price}, band {self.band[0]}-{self.band[1]},"
            f" {self.points} points, {self.shares} shares")
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            try:
                loop.add_signal_handler(sig, self.stop.set)
            except NotImplementedError:  # Windows: Ctrl+C raises KeyboardInterrupt instead
                pass
        try:
            code = await self.stream()
        finally:
            await self.cancel_all()
            log(f"stopped after {self.placed} orders")
        return code


def main():
    parser = argparse.ArgumentParser(description="A small market maker for the CampTrading trading API.")
    parser.add_argument("--url", default="http://localhost:5080", help="the app (default: http://localhost:5080, what dotnet run starts)")
    parser.add_argument("--token", required=True, help="a personal API token (scopes read and trade)")
    parser.add_argument("--symbol", default="CAMP")
    parser.add_argument("--spread", type=int, default=1, help="ticks between the last price and each quote")
    parser.add_argument("--size", type=int, default=5, help="shares per quote at most")
    parser.add_argument("--seconds", type=float, default=3600, help="stop after this many seconds")
    parser.add_argument("--max-orders", type=int, default=1000, help="stop after placing this many orders")
    args = parser.parse_args()
    if args.spread < 1 or args.size < 1 or args.max_orders < 1 or args.seconds <= 0:
        parser.error("--spread, --size, --max-orders and --seconds must be positive")
    try:
        return asyncio.run(MarketMaker(args).run())
    except ApiError as error:
        log(f"the API refused: {error}")
        return 2
    except OSError as error:  # urllib.error.URLError too: nothing answers at --url
        log(f"cannot reach the app at {args.url}: {error}")
        return 4
    except KeyboardInterrupt:
        return 0


if __name__ == "__main__":
    sys.exit(main())
