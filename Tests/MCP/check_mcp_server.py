#!/usr/bin/env python3
"""Drives `kb mcp` with the official Python MCP client (PyPI `mcp`), as a coding agent would,
and checks its answers against what `kb search --json` and `kb show` printed for the same
questions. Run by MCPServerTests with a JSON file of expectations; prints what failed and exits 1.

    python3 Tests/MCP/check_mcp_server.py expectations.json
"""
import asyncio
import json
import subprocess
import sys

from mcp import ClientSession, StdioServerParameters
from mcp.client.stdio import stdio_client

failures = []


def check(condition, message):
    if not condition:
        failures.append(message)


def field(value, snake, camel):
    """The client's models are snake_case from mcp 2 on and camelCase before."""
    return getattr(value, snake) if hasattr(value, snake) else getattr(value, camel)


def texts(result):
    return [item.text for item in result.content if getattr(item, "type", "") == "text"]


async def as_an_agent(spec):
    server = StdioServerParameters(command=spec["kb"], args=["mcp", "--content", spec["content"]], env=spec["environment"])
    async with stdio_client(server) as (read, write):
        async with ClientSession(read, write) as session:
            initialized = await session.initialize()
            name = field(initialized, "server_info", "serverInfo").name
            check(name == "kb", f"server name {name!r}")

            tools = {tool.name: tool for tool in (await session.list_tools()).tools}
            check(set(tools) == {"search", "show"}, f"tools {sorted(tools)}")
            check("text" in field(tools["search"], "input_schema", "inputSchema").get("required", []), "search does not require text")
            check(field(tools["search"], "input_schema", "inputSchema")["properties"]["provider"]["enum"] == spec["providers"], "search's provider enum")

            found = await session.call_tool("search", {"text": spec["paste"]})
            answer = texts(found)
            check(not field(found, "is_error", "isError"), "search answered with an error")
            check(len(answer) == 2, f"search gave {len(answer)} texts")
            check(answer[0] == spec["searchJSON"], "search's first text is not kb search --json's output:\n" + answer[0][:2000])
            check(field(found, "structured_content", "structuredContent") == json.loads(spec["searchJSON"]), "search's structured content differs from kb search --json")
            check(spec["bestTitle"] in answer[1] and "Fixes" in answer[1] and spec["firstFix"] in answer[1],
                  "search's second text lacks the best result's title or fixes:\n" + answer[1])
            for text in answer:
                check(spec["secret"] not in text, "search echoed the API key")

            limited = await session.call_tool("search", {"text": spec["paste"], "limit": 1, "provider": spec["providers"][0]})
            check(len(json.loads(texts(limited)[0])["results"]) <= 1, "limit 1 gave more than one result")

            nothing = await session.call_tool("search", {"text": spec["unrelated"]})
            check(not field(nothing, "is_error", "isError") and json.loads(texts(nothing)[0])["results"] == [], "unrelated text found something")

            bad = await session.call_tool("search", {"text": spec["paste"], "provider": "no-such-provider"})
            check(field(bad, "is_error", "isError"), "an unknown provider was not a tool error")
            empty = await session.call_tool("search", {"text": "  "})
            check(field(empty, "is_error", "isError"), "empty text was not a tool error")

            shown = await session.call_tool("show", {"id": spec["showID"]})
            check(not field(shown, "is_error", "isError") and texts(shown) == [spec["showText"]], "show's text is not kb show's output:\n" + "\n".join(texts(shown)))
            unknown = await session.call_tool("show", {"id": spec["showID"] + "x"})
            check(field(unknown, "is_error", "isError") and spec["showID"] in texts(unknown)[0], "an unknown id did not suggest the near one: " + " ".join(texts(unknown)))

            resources = {str(resource.uri) for resource in (await session.list_resources()).resources}
            check(resources == {f"kb://entry/{id}" for id in spec["ids"]}, f"resources {sorted(resources)}")
            read = await session.read_resource(f"kb://entry/{spec['showID']}")
            check([content.text for content in read.contents] == [spec["showText"]], "the entry resource is not kb show's output")
            try:
                await session.read_resource("kb://entry/none/such")
                check(False, "a missing resource did not fail")
            except Exception as error:  # the client raises the JSON-RPC error
                check("not found" in str(error).lower(), f"a missing resource failed with {error!r}")


def raw_protocol(spec):
    """Lines a broken client might send: each gets a JSON-RPC error, and the server goes on."""
    process = subprocess.Popen([spec["kb"], "mcp", "--content", spec["content"]], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                               stderr=subprocess.DEVNULL, env=spec["environment"], text=True)

    def ask(line):
        process.stdin.write(line + "\n")
        process.stdin.flush()
        return json.loads(process.stdout.readline())

    answer = ask("this is not json")
    check(answer.get("id", "missing") is None and answer.get("error", {}).get("code") == -32700, f"malformed line answered {answer}")
    answer = ask('{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"raw","version":"1"}}}')
    check(answer.get("id") == 1 and "result" in answer, f"initialize after a malformed line answered {answer}")
    process.stdin.write('{"jsonrpc":"2.0","method":"notifications/initialized"}\n')
    answer = ask('{"jsonrpc":"2.0","id":2,"method":"no/such/method"}')
    check(answer.get("id") == 2 and answer.get("error", {}).get("code") == -32601, f"unknown method answered {answer}")
    answer = ask('{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"show","arguments":{"id":"%s"}}}' % spec["showID"])
    check(answer.get("id") == 3 and answer["result"]["content"][0]["text"] == spec["showText"], f"show after errors answered {str(answer)[:300]}")
    process.stdin.close()
    check(process.wait(timeout=20) == 0, "kb mcp did not exit 0 at the end of its input")


def main():
    with open(sys.argv[1], encoding="utf-8") as handle:
        spec = json.load(handle)
    asyncio.run(as_an_agent(spec))
    raw_protocol(spec)
    for failure in failures:
        print("FAIL:", failure)
    print(f"{len(failures)} failure(s)")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
