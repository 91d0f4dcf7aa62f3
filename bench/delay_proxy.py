#!/usr/bin/env python3
"""A TCP proxy on loopback that delays every chunk by DELAY_MS in each direction.

    bench/delay_proxy.py LISTEN_PORT TARGET_HOST TARGET_PORT DELAY_MS

A database on another machine costs a round trip per statement; loopback hides that, so
bench/import_bench.sh runs PostgreSQL through this proxy when CRMSYNC_BENCH_DELAY_MS is set.
Order is kept per direction: each chunk is held until DELAY_MS after it arrived.
"""
import asyncio
import sys


async def pump(reader, writer, delay):
    loop = asyncio.get_running_loop()
    queue = asyncio.Queue()

    async def send():
        while True:
            due, data = await queue.get()
            if data is None:
                break
            wait = due - loop.time()
            if wait > 0:
                await asyncio.sleep(wait)
            writer.write(data)
            await writer.drain()
        writer.close()

    sender = asyncio.ensure_future(send())
    try:
        while True:
            data = await reader.read(65536)
            if not data:
                break
            queue.put_nowait((loop.time() + delay, data))
    finally:
        queue.put_nowait((0, None))
        await sender


async def main():
    port, host, target_port, delay_ms = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
    delay = float(delay_ms) / 1000.0

    async def handle(client_reader, client_writer):
        server_reader, server_writer = await asyncio.open_connection(host, int(target_port))
        await asyncio.gather(pump(client_reader, server_writer, delay),
                             pump(server_reader, client_writer, delay),
                             return_exceptions=True)

    server = await asyncio.start_server(handle, "127.0.0.1", int(port))
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    asyncio.run(main())
