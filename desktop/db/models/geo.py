"""The jurisdiction tree, grids (and micro-grids) with their boundaries and people."""

from __future__ import annotations

from sqlalchemy import Float, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from desktop.db.base import Base


class Jurisdiction(Base):
    """市/旗县区/苏木乡镇街道/嘎查村社区, with GB/T 2260 (12-digit) codes."""

    __tablename__ = "jurisdictions"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(12), unique=True)
    name: Mapped[str] = mapped_column(String(64))
    level: Mapped[str] = mapped_column(String(16))  # JurisdictionLevel
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("jurisdictions.id"), index=True)
    boundary: Mapped[str | None] = mapped_column(Text)  # GeoJSON geometry, WGS-84


class Grid(Base):
    """A 网格, or a 微网格 when parent_id names its grid."""

    __tablename__ = "grids"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(20), unique=True)
    name: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(16))  # GridKind
    village_id: Mapped[int] = mapped_column(ForeignKey("jurisdictions.id"), index=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("grids.id"), index=True)
    boundary: Mapped[str | None] = mapped_column(Text)  # GeoJSON geometry, WGS-84
    centroid_lat: Mapped[float | None] = mapped_column(Float)
    centroid_lng: Mapped[float | None] = mapped_column(Float)
    households: Mapped[int] = mapped_column(Integer, default=0)
    population: Mapped[int] = mapped_column(Integer, default=0)


class GridMember(Base):
    """网格长, 专职/兼职网格员, 楼栋长, 社区民警 of a grid."""

    __tablename__ = "grid_members"
    __table_args__ = (Index("ix_grid_members_grid_role", "grid_id", "role"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    grid_id: Mapped[int] = mapped_column(ForeignKey("grids.id"))
    role: Mapped[str] = mapped_column(String(16))  # GridMemberRole
    name: Mapped[str] = mapped_column(String(64))
    phone: Mapped[str | None] = mapped_column(String(20))
