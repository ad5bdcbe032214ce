# Hiring Panel: `make run` starts the app, `make test` runs every check. Both install what is
# missing first (see scripts/ensure-deps.sh). Other targets are the steps they are made of.
SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
CARGO ?= cargo
NPM := npm --prefix ui
XVFB := dbus-run-session -- xvfb-run -a -s "-screen 0 1280x800x24"
# Where Cargo builds (CARGO_TARGET_DIR is honoured, as the Tauri CLI honours it).
TARGET_DIR := $(or $(CARGO_TARGET_DIR),$(CURDIR)/target)
# The Tauri CLI is the pinned npm package (ui/package.json), run from src-tauri.
TAURI := cd src-tauri && ../ui/node_modules/.bin/tauri
export NO_AT_BRIDGE := 1

.PHONY: run run-is-built test deps-run deps-test ui ui-check ui-test fmt-check core-deps deny clippy cargo-test app e2e bindings fmt bench bench-interview bench-app bundle bundle-appimage deb-debug release-bins

# The app `make run` starts is the binary the test build makes (`make app`): `cargo run -p
# hiring-panel` resolves features differently from the workspace test build and would rebuild
# the whole dependency tree (about 20 minutes here) right after `make test`, and back again.
run: deps-run app
	$(TARGET_DIR)/debug/hiring-panel

test: deps-test fmt-check core-deps deny ui ui-check ui-test clippy cargo-test run-is-built
	@echo "make test: every check passed"

# After the suite, what `make run` starts must already be built: a second build compiles nothing.
run-is-built:
	@out=$$($(CARGO) test --workspace --locked --no-run 2>&1); \
	if grep -E '^\s*Compiling ' <<<"$$out"; then \
		echo "error: make run would rebuild the crates above after make test" >&2; exit 1; \
	else echo "make run starts the app the tests built: nothing to compile"; fi

deps-run:
	@scripts/ensure-deps.sh run

deps-test:
	@scripts/ensure-deps.sh test

# The UI is rebuilt only when its sources change: a rebuild rewrites ui/dist, which the app embeds,
# and would make Cargo recompile the app (minutes for the release build with LTO).
UI_SOURCES := $(shell find ui/src ui/public -type f) ui/index.html ui/package.json ui/package-lock.json \
	ui/svelte.config.js ui/tsconfig.json ui/vite.config.ts ui/vite.shell.config.ts
ui: ui/dist/index.html

ui/dist/index.html: $(UI_SOURCES)
	$(NPM) run build

ui-check:
	$(NPM) run check

ui-test:
	$(NPM) test

fmt-check:
	$(CARGO) fmt --all --check

fmt:
	$(CARGO) fmt --all

# The core must build without Tauri: no crate named tauri* among its dependencies.
core-deps:
	@if $(CARGO) tree -p panel-core -e normal --prefix none --format '{p}' --locked | grep -E '^tauri'; then \
		echo "error: panel-core depends on Tauri (above); keep Tauri in src-tauri only" >&2; exit 1; \
	else echo "panel-core has no Tauri dependency"; fi

# The shell crate embeds ui/dist, so the UI is built before it is linted or compiled.
# Licences and sources of every dependency (deny.toml); advisories need network access (SECURITY.md).
deny:
	$(CARGO) deny --locked check licenses bans sources

clippy: ui
	$(CARGO) clippy --workspace --all-targets --locked -- -D warnings

# The desktop binary is built by the same workspace-wide test build that runs the suites, so the
# app and the tests never rebuild each other with different feature sets.
app: ui
	$(CARGO) test --workspace --locked --no-run

# Every Rust suite: unit and CLI tests, the check that ui/src/ipc/bindings/ is current, and the
# real desktop app under Xvfb through tauri-driver and WebKitWebDriver (screenshots of every
# step land in tests/artifacts/e2e/).
cargo-test: app deb-debug
	rm -rf tests/artifacts/e2e
	HIRING_PANEL_DEB_DIR=$(TARGET_DIR)/debug/bundle/deb $(XVFB) $(CARGO) test --workspace --locked

# Only the black-box suites of the built app and panelctl.
e2e: app deb-debug
	rm -rf tests/artifacts/e2e
	HIRING_PANEL_DEB_DIR=$(TARGET_DIR)/debug/bundle/deb $(XVFB) $(CARGO) test --workspace --locked --test desktop --test plans --test cli_plan_scenario --test cli_score_scenario --test crash_durability --test interview --test debrief --test cli_debrief_scenario --test exchange --test cli_exchange_scenario --test cli_kit_trust_scenario --test cli_pack_scenario --test cli_team_folder_scenario --test team_folder_syncthing --test packs --test recovery --test privacy --test security --test hostile_input --test bundle

# Regenerates the TypeScript bindings after a command or one of its types changed.
bindings: ui
	UPDATE_BINDINGS=1 $(CARGO) test --workspace --locked --lib committed_bindings -- --quiet

# The installable Linux package: the release build (the tuned profile in Cargo.toml) bundled by
# the Tauri CLI into target/release/bundle/deb/, then the package test on it: installed with
# `dpkg -x` into a scratch root, checked, and started under Xvfb.
bundle: deps-test
	$(TAURI) build --ci --bundles deb
	HIRING_PANEL_DEB_DIR=$(TARGET_DIR)/release/bundle/deb $(XVFB) $(CARGO) test -p e2e --locked --test bundle

# AppImage (target/release/bundle/appimage/): the bundler downloads linuxdeploy from GitHub, so
# this needs a machine with network access; it is not built or tested by CI here.
bundle-appimage: deps-run
	$(TAURI) build --ci --bundles appimage

# The same package around the debug build the tests already made (`tauri bundle` packages a
# built binary in seconds), for the package test in `make test`: a release build would add
# fifteen minutes to every CI run, and the packaging is the same.
deb-debug: app
	$(TAURI) bundle --ci --debug --bundles deb

# Benchmarks (see BENCHMARKS.md): core benchmarks, then the release app's.
bench: deps-test ui
	$(CARGO) bench -p panel-core --locked
	$(MAKE) bench-interview bench-app

# Each release binary is built on its own: built together, Cargo would unify their dependencies'
# features and relink the app (minutes with LTO) every time the set changes.
release-bins: ui
	$(CARGO) build --release --locked -p hiring-panel
	$(CARGO) build --release --locked -p panel-cli
	$(CARGO) build --release --locked -p tauri-floor
	$(CARGO) build --release --locked -p panel-core --example bench_db

bench-interview: deps-test release-bins
	$(CARGO) build --locked -p e2e --bin interview_switch_bench
	HIRING_PANEL_BIN=$(TARGET_DIR)/release/hiring-panel PANELCTL_BIN=$(TARGET_DIR)/release/panelctl \
		$(XVFB) $(TARGET_DIR)/debug/interview_switch_bench

# Start-up and memory against a minimal Tauri window (500 and 50,000 plans), then every
# interaction on 500 and on 50,000 plans. The first run generates the 50,000-plan database
# (~2 GB, cached under target/bench-data/).
bench-app: deps-test release-bins
	$(CARGO) build --locked -p e2e --bin startup_bench --bin scale_bench
	export HIRING_PANEL_BIN=$(TARGET_DIR)/release/hiring-panel TAURI_FLOOR_BIN=$(TARGET_DIR)/release/tauri-floor \
		BENCH_DB_BIN=$(TARGET_DIR)/release/examples/bench_db; \
		$(XVFB) $(TARGET_DIR)/debug/startup_bench && $(XVFB) $(TARGET_DIR)/debug/scale_bench

