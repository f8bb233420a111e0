"""`pressroom dateline` and `pressroom date`: one line of AP style, for people and scripts."""

from __future__ import annotations

from typing import Optional

import typer



def dateline(
    city: str = typer.Argument(..., metavar="CITY", help="The city, e.g. Hoover."),
    state: Optional[str] = typer.Option(None, "--state", "-s", help="US state, territory or Canadian province: code, name or AP abbreviation."),
    country: Optional[str] = typer.Option(None, "--country", "-c", help="Country, for cities outside the US."),
    on: Optional[str] = typer.Option(None, "--date", "-d", metavar="YYYY-MM-DD", help="The date (default: today)."),
    style: Optional[str] = typer.Option(None, "--style", help="ap, dated, date-first, prnewswire, businesswire or globenewswire (default: the workspace's, else dated)."),
) -> None:
    """Print the dateline for CITY in a dateline style."""
    from pressroom.datelines import dateline_for

    typer.echo(dateline_for(city, state=state, country=country, on=on, style=style))


def date(
    value: str = typer.Argument(..., metavar="VALUE", help="A date (2024-09-05) or date and time (2024-09-05T10:00)."),
    tz: Optional[str] = typer.Option(None, "--tz", help="Time zone of the time, e.g. America/New_York (default: the workspace's)."),
    weekday: bool = typer.Option(False, "--weekday", help="Include the day of the week."),
) -> None:
    """Print a date, or a date and time, in AP style."""
    from pressroom.datelines import ap_date_text

    typer.echo(ap_date_text(value, tz=tz, weekday=weekday))
