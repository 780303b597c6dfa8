"""What `make bench` prints (bench/run.py): each page's throughput, latencies and ratio to the minimal page, cached
and with the cache off; the workers' memory, the static files, a list page's weight, the cost of the lists and
search at 500 and 50,000 attractions, and how far the ratios of two runs agree."""

from scenarios import PAGES, SCALE_PAGES


def print_scale(report):
    print("\nuncached p50 with 500 vs 50,000 attractions (page cache off; then the facet counts' cache off too):")
    for name in SCALE_PAGES:
        row = f"  {name:26}"
        for suffix in ("", "_cold"):
            small = report[f"scale_500{suffix}"][name]["p50_ms"]
            large = report[f"scale_50k{suffix}"][name]["p50_ms"]
            row += f" {small:6.1f} ms {large:6.1f} ms ×{large / small:.2f} |"
        print(row.rstrip(" |"))


def ratio_table(report):
    minimal = {label: report[label]["minimal Django page"]["rps"] for label in ("cached", "uncached")}
    rows = []
    for name, _path in PAGES:
        cached, uncached = report["cached"][name], report["uncached"][name]
        rows.append(
            (
                name,
                cached["rps"],
                cached["p50_ms"],
                cached["p99_ms"],
                cached["ratio"] or cached["rps"] / minimal["cached"],
                uncached["rps"],
                uncached["p50_ms"],
                uncached["p99_ms"],
                uncached["ratio"] or uncached["rps"] / minimal["uncached"],
            )
        )
    return rows


def print_ratios(report):
    print()
    print(f"{'page':26} | {'cached':^36} | {'cache off':^36}")
    columns = f"{'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'ratio':>8}"
    print(f"{'':26} | {columns} | {columns}")
    for row in ratio_table(report):
        name, *numbers = row
        print(
            f"{name:26} | {numbers[0]:8.0f} {numbers[1]:8.1f} {numbers[2]:8.1f} {numbers[3]:7.2f}× |"
            f" {numbers[4]:8.0f} {numbers[5]:8.1f} {numbers[6]:8.1f} {numbers[7]:7.2f}×"
        )


def print_report(report):
    print_ratios(report)
    for label in ("cached", "uncached"):
        sizes = ", ".join(f"{mb:.0f}" for mb in report[f"rss_mb_{label}"])
        print(f"worker RSS after the {label} run (MB): {sizes}")
    if "scale_500" in report:
        print_scale(report)
    static = report["static"]
    print(f"\nstatic {static['url']}:")
    for encoding in ("br", "gzip"):
        info = static[encoding]
        print(f"  {encoding:5} Content-Encoding={info['content_encoding']} {info['bytes']} B  {info['cache_control']}")
    weight = report["weight"]
    print(
        f"list page first visit, compressed: {weight['total_kb']} KB "
        f"({', '.join(f'{k} {v} B' for k, v in weight['bytes'].items())}); "
        f"render-blocking stylesheets {weight['render_blocking_stylesheets']}, "
        f"render-blocking scripts {weight['render_blocking_scripts']}, web fonts {weight['web_fonts']}"
    )
    conditional = report["conditional"]
    print(f"conditional GET: ETag {conditional['etag']} → {conditional['revalidation_status']}")


def print_agreement(reports):
    if len(reports) < 2:
        return
    print("\nratio agreement between run 1 and run 2 (cached / cache off):")
    worst = 0.0
    for first, second in zip(ratio_table(reports[0]), ratio_table(reports[1]), strict=True):
        differences = [abs(second[i] - first[i]) / first[i] for i in (4, 8)]
        worst = max(worst, *differences)
        print(f"  {first[0]:26} {differences[0] * 100:5.1f} %  {differences[1] * 100:5.1f} %")
    print(f"  largest difference: {worst * 100:.1f} % ({'within' if worst <= 0.10 else 'NOT within'} 10 %)")
