# motcua — two commands on a fresh machine: `make run` and `make test`.
SHELL := /bin/bash
.DEFAULT_GOAL := help

export UV_PYTHON_DOWNLOADS := never
export PYTHONDONTWRITEBYTECODE := 1

# uv: use it where it runs, else the module of this directory's python3 (installed on demand).
UV := $(shell uv --version >/dev/null 2>&1 && echo uv || echo python3 -m uv)
PY := .venv/bin/python
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=

.PHONY: help bootstrap sync run test lint typecheck pytest bench worker migrate seed messages clean

help:
	@echo "make run     cài đặt, tạo CSDL, nạp tỉnh mẫu, chạy ở http://$(HOST):$(PORT)/"
	@echo "make test    kiểm tra lint, kiểu và chạy toàn bộ bộ kiểm thử"
	@echo "make lint    ruff (lint + format) và mypy"
	@echo "make worker  chạy tác vụ nền (db_worker) và tác vụ định kỳ (run_schedule)"
	@echo "make bench   chạy các bài đo hiệu năng trong bench/"

bootstrap:
	@$(UV) --version >/dev/null 2>&1 || { echo "Cài uv: python3 -m pip install uv"; python3 -m pip install --quiet uv; }

sync: bootstrap
	@$(UV) sync --frozen --quiet

migrate: sync
	@mkdir -p var
	@$(MANAGE) migrate --no-input

seed: migrate
	@$(MANAGE) seed_demo

run: seed
	@$(MANAGE) demo_accounts
	@echo ""
	@echo "  Trang chủ / Home:        http://$(HOST):$(PORT)/"
	@echo "  Quản trị / Admin:        http://$(HOST):$(PORT)/admin/"
	@echo "  API (OpenAPI):           http://$(HOST):$(PORT)/api/v1/docs"
	@echo "  Tác vụ nền / Worker log: var/worker.log"
	@echo ""
	@# The background worker (imports, notifications) and the periodic jobs (deadline sweep,
	@# notification retries) run beside the server and stop with it.
	@$(MANAGE) db_worker >var/worker.log 2>&1 & worker=$$!; \
	  $(MANAGE) run_schedule >var/schedule.log 2>&1 & schedule=$$!; \
	  trap 'kill $$worker $$schedule 2>/dev/null' EXIT INT TERM; \
	  $(MANAGE) runserver $(HOST):$(PORT)

worker: migrate
	@$(MANAGE) run_schedule & schedule=$$!; \
	  trap 'kill $$schedule 2>/dev/null' EXIT INT TERM; \
	  $(MANAGE) db_worker

lint: sync
	@$(UV) run --frozen ruff check .
	@$(UV) run --frozen ruff format --check .
	@$(UV) run --frozen mypy motcua config tests bench

pytest: sync
	@$(PY) -m pytest $(PYTEST_ARGS)

test: lint pytest

bench: sync
	@for f in bench/*.py; do [ "$$(basename $$f)" = "__init__.py" ] || $(PY) $$f; done

messages: sync
	@$(MANAGE) makemessages -l en --no-obsolete --ignore=.venv --ignore=var
	@$(MANAGE) compilemessages --ignore=.venv

clean:
	rm -rf .venv .mypy_cache .ruff_cache .pytest_cache .hypothesis test-artifacts
