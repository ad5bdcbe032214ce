# Hiring Panel: `make run` starts the app, `make test` runs every check. Both install what is
# missing first (see scripts/ensure-deps.sh). Other targets are the steps they are made of.
SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
CARGO ?= cargo
NPM := npm --prefix ui
XVFB := dbus-run-session -- xvfb-run -a -s "-screen 0 1280x800x24"
export NO_AT_BRIDGE := 1

.PHONY: run test deps-run deps-test ui ui-check ui-test fmt-check clippy rust-test app e2e bindings fmt

run: deps-run ui
	$(CARGO) run -p hiring-panel

test: deps-test fmt-check ui ui-check ui-test clippy rust-test e2e
	@echo "make test: every check passed"

deps-run:
	@scripts/ensure-deps.sh run

deps-test:
	@scripts/ensure-deps.sh test

ui:
	$(NPM) run build

ui-check:
	$(NPM) run check

ui-test:
	$(NPM) test

fmt-check:
	$(CARGO) fmt --all --check

fmt:
	$(CARGO) fmt --all

# The shell crate embeds ui/dist, so the UI is built before it is linted or compiled.
clippy: ui
	$(CARGO) clippy --workspace --all-targets --locked -- -D warnings

# Unit and CLI tests of every crate, plus the check that ui/src/ipc/bindings.ts is current.
rust-test: ui
	$(CARGO) test --workspace --locked --exclude e2e

app: ui
	$(CARGO) build -p hiring-panel --locked

# The real desktop app under Xvfb, driven through tauri-driver and WebKitWebDriver.
# Screenshots of every step land in tests/artifacts/e2e/.
e2e: app
	rm -rf tests/artifacts/e2e
	$(XVFB) $(CARGO) test -p e2e --locked -- --test-threads=1

# Regenerates the TypeScript bindings after a command or one of its types changed.
bindings: ui
	UPDATE_BINDINGS=1 $(CARGO) test -p hiring-panel --locked committed_bindings -- --quiet
