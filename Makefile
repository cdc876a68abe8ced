# kb: the two commands of the README, and the pieces they are made of.
#   make site    build kb, check Content/ and build the site into site/
#   make test    run every test
# Both install the system library kb needs (libcmark-dev) when it is missing.

SWIFT        ?= swift
CONFIG       ?= release
CONTENT      ?= Content
PREFIX       ?= /usr/local
KB           := .build/$(CONFIG)/kb
SUDO         := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: site test deps kb check list clean

site: kb
	$(KB) check $(CONTENT)
	$(KB) list --content $(CONTENT)

kb: deps
	$(SWIFT) build -c $(CONFIG) --product kb

test: deps
	$(SWIFT) test

# libcmark through pkg-config; apt-get only when something is missing, so a ready machine
# needs neither root nor the network.
deps:
	@if ! pkg-config --exists libcmark 2>/dev/null; then \
		echo "Installing libcmark-dev (and pkg-config) with apt-get..."; \
		$(SUDO) apt-get update && $(SUDO) apt-get install -y libcmark-dev pkg-config; \
	fi

check: kb
	$(KB) check $(CONTENT)

clean:
	rm -rf .build site
