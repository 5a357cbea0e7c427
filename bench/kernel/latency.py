#!/usr/bin/python3
"""Kernel latency as a front end feels it, measured with Debian's jupyter_client (a real Jupyter client).

Starts the installed workbench kernel (kernelspec .net-csharp, or --kernel NAME), then reports:
  start_to_ready_s         kernel process start to its kernel_info_reply (what start_new_kernel waits for)
  start_to_first_result_s  kernel process start to the first execute_result of "1 + 1"
  complete_ms / inspect_ms median and max over --repeat requests after the first (warm)
Prints one JSON object. Usage: /usr/bin/python3 bench/kernel/latency.py [--kernel .net-csharp] [--repeat 30]
"""
import argparse, json, statistics, time
from jupyter_client.manager import start_new_kernel


def timed(client, send, reply_type):
    start = time.perf_counter()
    msg_id = send()
    while True:
        reply = client.get_shell_msg(timeout=60)
        if reply["parent_header"].get("msg_id") == msg_id and reply["msg_type"] == reply_type:
            return (time.perf_counter() - start) * 1000.0, reply


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--kernel", default=".net-csharp")
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()

    start = time.perf_counter()
    manager, client = start_new_kernel(kernel_name=args.kernel, startup_timeout=60)
    ready = time.perf_counter() - start
    try:
        msg_id = client.execute("1 + 1")
        while True:
            msg = client.get_iopub_msg(timeout=60)
            if msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == "execute_result":
                first_result = time.perf_counter() - start
                break
        client.get_shell_msg(timeout=60)  # the execute_reply

        client.execute("var words = new List<string> { \"a\" };", reply=True, timeout=60)
        code, cursor = "words.Ad", len("words.Ad")
        inspect_code, inspect_cursor = "Math.Abs(-2)", 7
        complete, inspect = [], []
        for i in range(args.repeat + 1):
            c, reply = timed(client, lambda: client.complete(code, cursor), "complete_reply")
            assert "Add" in reply["content"]["matches"], reply["content"]
            s, reply = timed(client, lambda: client.inspect(inspect_code, inspect_cursor), "inspect_reply")
            assert reply["content"]["found"], reply["content"]
            if i > 0:  # the first of each compiles the session's editor state
                complete.append(c)
                inspect.append(s)
        print(json.dumps({
            "kernel": args.kernel,
            "start_to_ready_s": round(ready, 3),
            "start_to_first_result_s": round(first_result, 3),
            "complete_ms": {"median": round(statistics.median(complete), 1), "max": round(max(complete), 1)},
            "inspect_ms": {"median": round(statistics.median(inspect), 1), "max": round(max(inspect), 1)},
            "repeat": args.repeat,
        }))
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)


if __name__ == "__main__":
    main()
