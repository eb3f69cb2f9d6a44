"""The ceiling's server: a bare FastAPI endpoint doing one INSERT, on the same kind of store."""

from __future__ import annotations

import os
import uuid
from contextlib import asynccontextmanager

from fastapi import FastAPI
from pydantic import BaseModel
from sqlalchemy import Column, MetaData, String, Table, Text, text
from sqlalchemy.ext.asyncio import create_async_engine

metadata = MetaData()
items = Table("items", metadata, Column("id", String(36), primary_key=True), Column("title", String(200)),
              Column("body", Text))
engine = create_async_engine(os.environ["BENCH_DATABASE_URL"])


@asynccontextmanager
async def lifespan(_app: FastAPI):
    async with engine.begin() as connection:
        if engine.dialect.name == "sqlite":
            await connection.execute(text("PRAGMA journal_mode=WAL"))
        await connection.run_sync(metadata.create_all)
    yield
    await engine.dispose()


app = FastAPI(lifespan=lifespan)


class Item(BaseModel):
    title: str
    body: str


@app.get("/healthz")
async def healthz() -> dict:
    return {"status": "ok"}


@app.post("/items", status_code=201)
async def create_item(item: Item) -> dict:
    item_id = str(uuid.uuid4())
    async with engine.begin() as connection:
        await connection.execute(items.insert().values(id=item_id, title=item.title, body=item.body))
    return {"id": item_id}
